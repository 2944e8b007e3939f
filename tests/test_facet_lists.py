"""The filter form's facet lists built in Python (events/templatetags/facet_lists.py): what the template loops
they replace wrote, every text escaped."""
from django.template import Context, Template

from events.selectors import Facet


def render(source, **context):
    return Template("{% load facet_lists %}" + source).render(Context(context))


def test_checkboxes_show_each_choice_with_its_count_and_tick_the_selected_ones():
    facets = [Facet("RU", "Russia", 12), Facet("KP", "North Korea", 0)]
    html = render('{% facet_checks "country" facets selected %}', facets=facets, selected={"KP"})
    assert html == (
        '<li><label><input type="checkbox" name="country" value="RU"> Russia '
        '<span class="facet-count" id="count-country-RU">12</span></label></li>\n'
        '<li><label><input type="checkbox" name="country" value="KP" checked> North Korea '
        '<span class="facet-count" id="count-country-KP">0</span></label></li>')


def test_labels_and_values_are_escaped():
    facets = [Facet('a"b', "<script>alert('x')</script> & co", 1)]
    html = render('{% facet_checks "topic" facets selected %}', facets=facets, selected=set())
    assert "<script>" not in html and 'value="a&quot;b"' in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; co" in html
    oob = render('{% facet_counts_oob "topic" facets %}', facets=facets)
    assert oob == '<span class="facet-count" id="count-topic-a&quot;b" hx-swap-oob="true">1</span>'


def test_no_choices_says_so_when_asked():
    assert render('{% facet_checks "country" facets selected "No countries yet." %}', facets=[],
                  selected=set()) == "<li>No countries yet.</li>"
    assert render('{% facet_checks "org" facets selected %}', facets=[], selected=set()) == ""
