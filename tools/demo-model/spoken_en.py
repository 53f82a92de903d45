"""English spoken forms as callers and agents say them: digits with "oh" and "double five", "eight hundred"
numbers, a m / p m times, weekday ranges, dates, prices. Every string returned is the SPOKEN form (the label)."""

ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth", 7: "seventh", 8: "eighth",
            9: "ninth", 10: "tenth", 11: "eleventh", 12: "twelfth", 13: "thirteenth", 14: "fourteenth",
            15: "fifteenth", 16: "sixteenth", 17: "seventeenth", 18: "eighteenth", 19: "nineteenth", 20: "twentieth",
            30: "thirtieth"}


def cardinal(n):
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else " " + ONES[n % 10])
    if n < 1000:
        rest = n % 100
        return ONES[n // 100] + " hundred" + ("" if rest == 0 else " " + cardinal(rest))
    thousands, rest = divmod(n, 1000)
    return cardinal(thousands) + " thousand" + ("" if rest == 0 else " " + cardinal(rest))


def ordinal(n):
    if n in ORDINALS:
        return ORDINALS[n]
    return TENS[n // 10] + " " + ORDINALS[n % 10]


def digit_string(digits, rng):
    """Digit by digit; 0 as "oh" or "zero"; runs of two as "double", of three sometimes "triple"."""
    zero = "oh" if rng.random() < 0.6 else "zero"
    use_double = rng.random() < 0.6
    words, i = [], 0
    while i < len(digits):
        d = digits[i]
        run = 1
        while i + run < len(digits) and digits[i + run] == d:
            run += 1
        name = zero if d == "0" else ONES[int(d)]
        if use_double and run == 2:
            words.append("double " + name)
        elif use_double and run == 3 and rng.random() < 0.5:
            words.append("triple " + name)
        else:
            run = 1
            words.append(name)
        i += run
    return " ".join(words)


def phone(rng):
    r = rng.random()
    if r < 0.3:
        prefix = rng.choice(["eight hundred", "eight eight eight", "eight seven seven", "eight six six"])
        lead = "one " if rng.random() < 0.5 else ""
        return lead + prefix + " " + digit_string("".join(rng.choice("0123456789") for _ in range(3)), rng) + " " + \
            digit_string("".join(rng.choice("0123456789") for _ in range(4)), rng)
    if r < 0.75:
        return digit_string(str(rng.randint(200, 989)), rng) + " " + \
            digit_string("".join(rng.choice("0123456789") for _ in range(3)), rng) + " " + \
            digit_string("".join(rng.choice("0123456789") for _ in range(4)), rng)
    return digit_string("0" + str(rng.randint(1000, 9999)), rng) + " " + \
        digit_string("".join(rng.choice("0123456789") for _ in range(6)), rng)


def clock(rng):
    """nine a m, five thirty p m, noon, half past four, quarter to six, ten o'clock."""
    hour = rng.randint(1, 12)
    r = rng.random()
    if r < 0.08:
        return rng.choice(["noon", "midnight", "twelve noon"])
    if r < 0.18:
        return rng.choice(["half past ", "quarter past ", "quarter to "]) + ONES[hour]
    if r < 0.25:
        return ONES[hour] + " o'clock"
    minute = rng.choice([None, None, None, 15, 30, 30, 45, 5, 10, 20, 40, 50])
    text = ONES[hour] if hour < 20 else cardinal(hour)
    if minute is not None:
        text += " " + ("oh five" if minute == 5 else cardinal(minute))
    if rng.random() < 0.85:
        text += rng.choice([" a m", " p m"])
    return text


WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]


def weekday(rng):
    return rng.choice(WEEKDAYS)


def weekday_range(rng):
    a = rng.randrange(0, 4)
    b = rng.randrange(a + 1, 7)
    return WEEKDAYS[a] + rng.choice([" through ", " to ", " till "]) + WEEKDAYS[b]


def date(rng):
    month = rng.choice(MONTHS)
    day = rng.randint(1, 28)
    return (month + " " + ordinal(day)) if rng.random() < 0.6 else ("the " + ordinal(day) + " of " + month)


def amount(rng):
    r = rng.random()
    if r < 0.4:
        return cardinal(rng.choice([rng.randint(1, 99), rng.randint(100, 999), rng.randint(1000, 9999)])) + " dollars"
    if r < 0.75:
        return cardinal(rng.randint(1, 999)) + " dollars and " + cardinal(rng.randint(1, 99)) + " cents"
    return cardinal(rng.randint(1, 499)) + " " + cardinal(rng.randint(10, 99))


def order_number(rng):
    return digit_string("".join(rng.choice("0123456789") for _ in range(rng.randint(5, 9))), rng)


def count(rng):
    return cardinal(rng.randint(2, 30))
