"""Everyday words beyond the frames. Training also gets short "word run" utterances drawn from these words and
from the words of all frames (held-out ones included: their words, never their sentences), so the model learns the
sound of every word it may meet, and the held-out split tests unseen sentences rather than unseen words."""
import functools

import frames_en
import frames_zh

EXTRA_ZH = ("今天 明天 昨天 后天 现在 刚才 马上 已经 还是 或者 因为 所以 但是 如果 虽然 可能 应该 需要 知道 觉得 "
            "告诉 通知 短信 邮件 微信 网站 应用 下载 登录 注册 账户 银行 卡号 转账 支付 价格 便宜 太贵 打折 活动 "
            "红包 客户 经理 主管 同事 部门 公司 门店 仓库 物流 司机 时间 上班 下班 休息 节日 春节 国庆 周末 "
            "早点 晚点 一会 多久 多少 什么 为什么 怎么样 哪里 哪个 谁 这个 那个 这里 那里 东西 问题 情况 结果 "
            "方便 麻烦 清楚 正常 错误 成功 失败 确认 取消 修改 提交 申请 审核 通过 拒绝 返回 重新 检查 测试 "
            "开心 生气 着急 担心 放心 满意 感谢 抱歉 理解 支持 帮助 服务 质量 态度 速度 效果 安全 隐私")
EXTRA_EN = ("today tomorrow yesterday now soon already still because so but if maybe should need know think tell "
            "email message website app download login register account bank card transfer payment price cheap "
            "expensive discount sale customer manager supervisor colleague team company warehouse delivery driver "
            "time morning evening night week month year holiday weekend early late minute hour what why how where "
            "which who this that here there thing problem issue result easy error success failed confirm cancel "
            "change submit apply review approve reject return again check test happy angry worried sure satisfied "
            "thanks sorry understand support help service quality attitude speed safe private please yes no maybe "
            "great fine okay sure wait call back send receive open close start stop")


@functools.lru_cache(maxsize=None)  # every word run asks again; the frames do not change
def zh_words():
    """Characters of every frame, greeting and closing, plus the extra everyday words."""
    text = "".join(frames_zh.FRAMES + frames_zh.GREETINGS + frames_zh.CLOSINGS + frames_zh.NAMES + frames_zh.CITIES
                   + frames_zh.PRODUCTS)
    words = set(EXTRA_ZH.split())
    chunk = ""
    for ch in text:
        if ch in "{}" or not ("\u4e00" <= ch <= "\u9fff"):
            if chunk:
                words.update(chunk[i:i + 2] for i in range(0, len(chunk), 2))
            chunk = ""
        else:
            chunk += ch
    if chunk:
        words.update(chunk[i:i + 2] for i in range(0, len(chunk), 2))
    return sorted(words)


@functools.lru_cache(maxsize=None)
def en_words():
    import re
    text = " ".join(frames_en.FRAMES + frames_en.GREETINGS + frames_en.CLOSINGS + frames_en.NAMES + frames_en.CITIES
                    + [p + "s" for p in frames_en.PRODUCTS] + frames_en.PRODUCTS)
    words = set(re.sub(r"\{[a-z_0-9]+\}", " ", text).split()) | set(EXTRA_EN.split())
    return sorted(words)


# English's most frequent held-out errors are deleted short words ("in", "a") and look-alike words: word runs of
# the third round put these between content words so the model hears them at every boundary.
EN_FUNCTION_WORDS = ("in a on to my you at that for the of is it we i i've your up and can will with our this from "
                     "by have not do are").split()
EN_CONFUSED_WORDS = "stay still show sure good could in a you i've".split()


@functools.lru_cache(maxsize=None)
def en_content_words():
    return [w for w in en_words() if w not in EN_FUNCTION_WORDS]
