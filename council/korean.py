"""Korean particles (조사) that depend on the word before them, chosen once the text is complete.

Translations write such a particle in its double form after a placeholder: "%(name)s이(가)",
"%(title)s을(를)", "%(place)s(으)로". Only the finished text knows the word, so `with_particles`
picks the form there: 평촌경영고등학교가, 1-1-01이 (일), 서울산업진흥원(SBA)을, 부산으로, 서울로. A
form it cannot decide (a symbol, or a space before it) stays double, which still reads right.

Nothing on the package index does this well and is kept up: tossi was last released in 2018 and
needs six, the others choose from the last letter alone (no numbers, no parentheses, no tags).
"""

import re
from typing import Final

# The double forms, and the forms after a final consonant and after a vowel.
FORMS: Final = {
    "이(가)": ("이", "가"),
    "을(를)": ("을", "를"),
    "은(는)": ("은", "는"),
    "과(와)": ("과", "와"),
    "와(과)": ("과", "와"),
    "(으)로": ("으로", "로"),
    "(이)라는": ("이라는", "라는"),
    "(이)나": ("이나", "나"),
}
MARKERS: Final = re.compile("|".join(re.escape(form) for form in sorted(FORMS, key=len, reverse=True)))
MARKER_BYTES: Final = re.compile(MARKERS.pattern.encode())

# Final consonants of the digits as read in Sino-Korean (영 일 이 삼 사 오 육 칠 팔 구) and of Latin
# letters as spelled (엘, 엠, 엔, 알); None: ends in a vowel. "ㄹ" is told apart for (으)로.
DIGIT_CODAS: Final = dict(
    zip("0123456789", ["ㅇ", "ㄹ", None, "ㅁ", None, None, "ㄱ", "ㄹ", "ㄹ", None], strict=True)
)
LETTER_CODAS: Final = {"l": "ㄹ", "m": "ㅁ", "n": "ㄴ", "r": "ㄹ"}
RIEUL = 8  # ㄹ's index among the final consonants of a Hangul syllable
CLOSING = "\"'”’)]」』》〉>"


def _significant_end(text: str, end: int) -> int:
    """The index of the last character before `end` that is read aloud: HTML tags, closing quotes
    (also escaped) and a parenthesised aside ("(SBA)") are skipped. -1 when there is none."""
    index = end - 1
    while index >= 0:
        character = text[index]
        if character == ">":
            start = text.rfind("<", 0, index)
            if start == -1:
                return -1
            index = start - 1
        elif character == ")":
            start = text.rfind("(", 0, index)
            index = (start if start != -1 else index) - 1
        elif character == ";" and 0 <= index - text.rfind("&", 0, index) <= 8:
            index = text.rfind("&", 0, index) - 1  # an escaped quote: &quot; &#x27;
        elif character in CLOSING:
            index -= 1
        else:
            return index
    return -1


UNKNOWN: Final = "?"


def coda(character: str) -> str | None:
    """The final consonant the character is read with ("ㄹ", another, or None for a vowel);
    UNKNOWN when it cannot be told (a space, a symbol)."""
    if "가" <= character <= "힣":
        index = (ord(character) - 0xAC00) % 28
        return None if index == 0 else ("ㄹ" if index == RIEUL else "ㄱ")
    if character in DIGIT_CODAS:
        return DIGIT_CODAS[character]
    if character.isascii() and character.isalpha():
        return LETTER_CODAS.get(character.lower())
    return UNKNOWN


def _pick(form: str, final: str | None) -> str:
    after_consonant, after_vowel = FORMS[form]
    if form == "(으)로" and final == "ㄹ":
        return after_vowel
    return after_consonant if final else after_vowel


def with_particles(text: str) -> str:
    """The text with each double particle form replaced by the one its word takes."""
    if "(" not in text:
        return text

    def choose(match: re.Match[str]) -> str:
        index = _significant_end(text, match.start())
        final = coda(text[index]) if index >= 0 else UNKNOWN
        return match.group(0) if final == UNKNOWN else _pick(match.group(0), final)

    return MARKERS.sub(choose, text)
