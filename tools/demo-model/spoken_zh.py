"""Mandarin spoken forms: how a call-centre agent or caller reads digits, numbers, times and dates aloud.
Everything returned is the SPOKEN form (the label); ITN is the pipeline's job, not the model's."""
import random

DIGITS = "零一二三四五六七八九"


def digit_string(digits, rng, yao=True):
    """Reads a digit string one by one; 1 is 幺 in phone/order numbers (most of the time)."""
    use_yao = yao and rng.random() < 0.85
    return "".join("幺" if (d == "1" and use_yao) else DIGITS[int(d)] for d in digits)


def _below_10000(n, liang):
    units = [(1000, "千"), (100, "百"), (10, "十")]
    out, zero_pending, started = "", False, False
    for value, name in units:
        q = n // value
        n %= value
        if q:
            if zero_pending:
                out += "零"
            if q == 2 and liang and value >= 100:
                out += "两"
            elif q == 1 and value == 10 and not started:
                out += "十"
                started = True
                zero_pending = False
                continue
            else:
                out += DIGITS[q]
            out += name
            started, zero_pending = True, False
        elif started:
            zero_pending = True
    if n:
        if zero_pending:
            out += "零"
        out += DIGITS[n]
    return out


def cardinal(n, rng=None, liang=None):
    """Chinese cardinal reading of 0 <= n < 10^8 (十二, 一百零五, 两千三百, 一万两千)."""
    if liang is None:
        liang = rng.random() < 0.7 if rng else True
    if n == 0:
        return "零"
    if n == 2:
        return "二"
    wan, rest = divmod(n, 10000)
    if wan:
        head = "两" if (wan == 2 and liang) else _below_10000(wan, liang)
        out = head + "万"
        if rest:
            if rest < 1000:
                out += "零"
            out += _below_10000(rest, liang)
        return out
    return _below_10000(rest, liang)


def hotline(rng):
    return rng.choice(["400", "800"]) + "".join(rng.choice("0123456789") for _ in range(7))


def mobile(rng):
    return "1" + rng.choice("3456789") + "".join(rng.choice("0123456789") for _ in range(9))


def landline(rng):
    area = rng.choice(["010", "021", "020", "0755", "0571", "028", "027", "025", "023", "0512"])
    return area + "".join(rng.choice("0123456789") for _ in range(8 if len(area) == 3 else 7))


def phone(rng):
    kind = rng.random()
    return digit_string(hotline(rng) if kind < 0.35 else mobile(rng) if kind < 0.75 else landline(rng), rng)


PERIODS = ["早上", "上午", "中午", "下午", "晚上", "凌晨", "傍晚"]


def clock(rng, period=True):
    """早上八点半, 下午两点一刻, 晚上九点零五分, 十二点整."""
    hour = rng.randint(1, 12)
    text = (rng.choice(PERIODS) if period and rng.random() < 0.8 else "") + ("两" if hour == 2 else cardinal(hour, liang=True)) + "点"
    r = rng.random()
    if r < 0.3:
        text += "半"
    elif r < 0.4:
        text += rng.choice(["一刻", "三刻"])
    elif r < 0.6:
        minute = rng.choice([5, 10, 15, 20, 25, 35, 40, 45, 50, 55, 8, 3])
        text += ("零" + DIGITS[minute] if minute < 10 else cardinal(minute, liang=False)) + ("分" if rng.random() < 0.6 else "")
    elif r < 0.68:
        text += "整"
    return text


WEEKDAYS = ["一", "二", "三", "四", "五", "六", "日"]


def weekday(rng):
    i = rng.randrange(7)
    prefix = rng.choice(["周", "星期", "礼拜"])
    name = WEEKDAYS[i]
    if name == "日" and prefix != "周" and rng.random() < 0.5:
        name = "天"
    return prefix + name


def weekday_range(rng):
    prefix = rng.choice(["周", "星期"])
    a = rng.randrange(0, 4)
    b = rng.randrange(a + 1, 7)
    return prefix + WEEKDAYS[a] + rng.choice(["到", "至"]) + prefix + WEEKDAYS[b]


def date(rng):
    month = rng.randint(1, 12)
    day = rng.randint(1, 31 if month != 2 else 28)
    return cardinal(month, liang=False) + "月" + cardinal(day, liang=False) + rng.choice(["日", "号", "号"])


def amount(rng):
    r = rng.random()
    if r < 0.4:
        yuan = rng.choice([rng.randint(1, 99), rng.randint(100, 999), rng.randint(1000, 20000)])
        return cardinal(yuan, rng) + rng.choice(["元", "块", "块钱", "元整"])
    if r < 0.7:
        yuan = rng.randint(1, 999)
        jiao = rng.randint(1, 9)
        return cardinal(yuan, rng) + rng.choice(["块", "元"]) + DIGITS[jiao] + rng.choice(["", "毛", "角"])
    return cardinal(rng.randint(1, 5000), rng) + rng.choice(["点", "点"]) + "".join(DIGITS[rng.randint(0, 9)] for _ in range(2)) + "元"


def order_number(rng):
    return digit_string("".join(rng.choice("0123456789") for _ in range(rng.randint(6, 12))), rng)


def count(rng, unit):
    n = rng.randint(1, 30)
    return ("两" if n == 2 else cardinal(n, liang=True)) + unit
