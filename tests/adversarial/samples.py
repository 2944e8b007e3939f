"""Made-up Monitor-style articles for the adversarial suite (no corpus text: every sentence is ours)."""

PUB = "Publication: Monitor Volume: 7 Issue: {number}"

BODY_A = ("Russian Foreign Minister Igor Ivanov arrived in Tehran on March 12 for talks with Iranian officials.\n\n"
          "The two sides signed a trade agreement on March 14, officials said.\n\n"
          "Ukrainian President Leonid Kuchma will visit Beijing in late April, his office announced on Monday.")
BODY_B = ("Georgian officials met their Armenian counterparts in Yerevan on March 2 to discuss the border.\n\n"
          "A further round of talks is planned for next month.")


def article_text(number=50, body=BODY_A, headline="MINISTERS MEET IN TEHRAN.", marker=None):
    marker = marker if marker is not None else PUB.format(number=number)
    head = f"{headline}\n\n" if headline else ""
    return f"{head}{marker}\n\n{body}\n"
