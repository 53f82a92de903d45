using System.Text.RegularExpressions;
using FunAsr.Extractors.Rules;
using FunAsr.Extractors.Rules.Normalizers;

namespace FunAsr.Bench.Extractors;

/// <summary>
/// The peer of <see cref="ExtractionBenchmarks"/>: the rules/ pack written by hand as compiled .NET regexes, the way
/// an engineer would without a rule engine: one regex per rule, named groups, the same language gates and the same
/// normalizers. Returns the number of fields plus tags, like the benchmark's rule-pack loop.
/// </summary>
internal sealed class HandWrittenExtraction
{
    private const RegexOptions Options = RegexOptions.Compiled | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;
    private const string ClockZh = @"(?:凌晨|早上|早晨|清晨|上午|中午|下午|傍晚|晚上|夜里|夜间|晚)?(?<![0-9:])(?:(?:2[0-4]|[01]?[0-9])[:：][0-5][0-9]|(?:2[0-4]|[01]?[0-9]|[零〇一二两三四五六七八九十]{1,3})(?:点|時|时)(?:钟|整|半|一刻|三刻|[0-5]?[0-9]分?|[零〇一二两三四五六七八九十]{1,3}分?)?)(?![0-9])";
    private const string ClockEn = @"(?<![0-9:.])(?:(?:1[0-2]|0?[0-9])(?::[0-5][0-9])? ?[AaPp]\.? ?[Mm]\b\.?|(?:2[0-3]|[01]?[0-9]):[0-5][0-9](?![0-9])|[Nn]oon|[Mm]idnight)";
    private const string WeekdayEn = @"\b(?:[Mm]on(?:day)?|[Tt]ue(?:s(?:day)?)?|[Ww]ed(?:nesday)?|[Tt]hu(?:rs?(?:day)?)?|[Ff]ri(?:day)?|[Ss]at(?:urday)?|[Ss]un(?:day)?)\b";
    private const string WeekdayZh = "(?:星期|周|礼拜)[一二三四五六日天1-7]";
    private const string Ext = @"(?:(?:[Ee]xt(?:ension)?\.?|[Xx])\s?|分机号?(?:是|为)?[:：]?\s?|转)(?<ext>[+-]?[0-9]+)";
    private const string Amount = @"(?<![0-9.,])(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]{1,2})?(?![0-9])";

    private static readonly RuleField PhoneCn = new("phone", FieldType.Phone, "CN");
    private static readonly RuleField PhoneUs = new("phone", FieldType.Phone, "US");
    private static readonly RuleField Money = new("amount", FieldType.Money);

    private readonly Regex _hotline = new($@"(?<phone>(?<![0-9+])[48]00[- ]?[0-9]{{3}}[- ]?[0-9]{{4}}(?![0-9]))(?:\s?{Ext})?", Options);
    private readonly Regex _mobile = new(@"(?<phone>(?<![0-9+])(?:(?:\+|00)?86[- ]?)?1[3-9][0-9][- ]?[0-9]{4}[- ]?[0-9]{4}(?![0-9]))", Options);
    private readonly Regex _landline = new($@"(?<phone>(?<![0-9+])(?:(?:\+|00)?86[- ]?)?(?:\(0[1-9][0-9]{{1,2}}\)|（0[1-9][0-9]{{1,2}}）|0[1-9][0-9]{{1,2}})[- ]?[2-9][0-9]{{6,7}}(?![0-9]))(?:\s?{Ext})?", Options);
    private readonly Regex _e164 = new(@"(?<phone>(?<![0-9+])\+[1-9](?:[ -]?[0-9]){6,14}(?![0-9]))", Options);
    private readonly Regex _nanp = new($@"(?<phone>(?<![0-9+])(?:\+?1[- .]?)?(?:\([2-9](?!11)[0-9]{{2}}\) ?|[2-9](?!11)[0-9]{{2}}[- .]?)[2-9](?!11)[0-9]{{2}}[- .]?[0-9]{{4}}(?![0-9]))(?:,? ?{Ext})?", Options);
    private readonly Regex _hoursZh = new($@"(?:营业时间|工作时间|服务时间|上班时间|办公时间|客服时间|开放时间)?(?:是|为)?[:：]?\s?(?<days>{WeekdayZh}\s?(?:到|至|-|~|～|—|－)\s?{WeekdayZh}|{WeekdayZh}|工作日|周末|双休日|每天|天天|全年无休|节假日)\s?[，,]?\s?(?<hours>{ClockZh}\s?(?:到|至|-|~|～|—|－)\s?{ClockZh})", Options);
    private readonly Regex _hoursEn = new($@"(?<days>{WeekdayEn}\s?(?:-|–|—|to|until|till|through)\s?{WeekdayEn}|[Ww]eekdays|[Ww]eekends?|(?:7|seven) days a week|[Ee]very ?day|[Dd]aily|{WeekdayEn}),? (?:from )?(?<hours>(?:{ClockEn}|(?<![0-9:.])(?:2[0-3]|[01]?[0-9])(?::[0-5][0-9])?(?![0-9]))\s?(?:-|–|—|to|until|till|through)\s?{ClockEn})", Options);
    private readonly Regex _hoursZhCueOnly = new($@"(?:营业时间|工作时间|服务时间|上班时间|办公时间|客服时间|开放时间)(?:是|为)?[:：]?\s?(?<hours>{ClockZh}\s?(?:到|至|-|~|～|—|－)\s?{ClockZh})", Options);
    private readonly Regex _hoursEnTimeFirst = new($@"(?<hours>(?:{ClockEn}|(?<![0-9:.])(?:2[0-3]|[01]?[0-9])(?::[0-5][0-9])?(?![0-9]))\s?(?:-|–|—|to|until|till|through)\s?{ClockEn}),? (?<days>{WeekdayEn}\s?(?:-|–|—|to|until|till|through)\s?{WeekdayEn}|[Ww]eekdays|[Ww]eekends?|(?:7|seven) days a week|[Ee]very ?day|[Dd]aily|{WeekdayEn})", Options);
    private readonly Regex _hoursEnCue = new($@"(?:[Bb]usiness|[Oo]pening|[Oo]ffice|[Ss]ervice|[Ss]upport) hours|[Ww]e(?:'re| are) open (?:are )?(?:from )?(?<hours>(?:{ClockEn}|(?<![0-9:.])(?:2[0-3]|[01]?[0-9])(?::[0-5][0-9])?(?![0-9]))\s?(?:-|–|—|to|until|till|through)\s?{ClockEn})", Options);
    private readonly Regex _dateIso = new(@"(?<date>(?<![0-9])(?:19|20)[0-9]{2}-(?:1[0-2]|0[1-9])-(?:3[01]|[12][0-9]|0[1-9])(?![0-9]))", Options);
    private readonly Regex _ticketCueZh = new(@"(?:工单|投诉单|服务单|案件)号?(?:码)?(?:是|为)?[:：]?\s?(?<id>(?<![A-Za-z0-9])(?:(?:TKT|TK|INC|CASE|SR|REQ|CS)-?[0-9]{4,12}|(?:[A-Z]{1,4}-?)?[0-9]{6,20})(?![0-9]))", Options);
    private readonly Regex _ticketCueEn = new(@"(?:[Tt]icket|[Cc]ase|[Rr]eference|[Ii]ncident) (?:number|no\.?|#|ID)(?: is)?:? ?#?(?<id>(?<![A-Za-z0-9])(?:(?:TKT|TK|INC|CASE|SR|REQ|CS)-?[0-9]{4,12}|(?:[A-Z]{1,4}-?)?[0-9]{6,20})(?![0-9]))", Options);
    private readonly Regex _dateZh = new($@"(?<date>(?<![0-9])(?:(?:19|20)[0-9]{{2}}年)?(?:1[0-2]|0?[1-9])月(?:3[01]|[12][0-9]|0?[1-9])[日号](?![0-9]))\s?(?<time>{ClockZh})?", Options);
    private readonly Regex _dateEn = new($@"(?<date>\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.? (?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?\b(?:,? (?:19|20)[0-9]{{2}})?)(?:,? at (?<time>{ClockEn}))?", Options);
    private readonly Regex _money = new($@"(?<amount>[¥￥] ?{Amount}(?:万|千)?|{Amount}(?:万|千)? ?(?:元|块钱?|人民币|RMB|rmb|CNY)|(?:US)?\$ ?{Amount}|{Amount} ?(?:dollars?|USD|bucks)\b)", Options);
    private readonly Regex _relativeZh = new($@"(?<relative>今天|明天|后天|下周[一二三四五六日天]|周[一二三四五六日天])(?<time>{ClockZh})(?!\s?(?:到|至|-|~|～|—|－))", Options);
    private readonly Regex _relativeEn = new($@"(?<relative>(?:next )?{WeekdayEn}) at (?<time>{ClockEn})|(?<relative>\b(?:[Tt]omorrow|[Tt]oday|[Tt]onight|this (?:morning|afternoon|evening))\b)(?: at (?<time>{ClockEn}))?", Options);
    private readonly Regex _orderZh = new(@"订单号?(?:码)?(?:是|为)?[:：]?\s?(?<id>(?<![A-Za-z0-9])(?:[A-Z]{1,4}-?)?[0-9]{6,20}(?![0-9]))", Options);
    private readonly Regex _orderEn = new(@"(?:[Oo]rder|[Cc]onfirmation) (?:number|no\.?|#|ID)(?: is)?:? ?#?(?<id>(?<![A-Za-z0-9])(?:[A-Z]{1,4}-?)?[0-9]{6,20}(?![0-9]))", Options);
    private readonly Regex _ticket = new(@"(?<![A-Za-z0-9])(?<id>(?:TKT|TK|INC|CASE|SR|REQ|CS)-?[0-9]{4,12})(?![0-9])", Options);
    private readonly Regex _email = new(@"(?<email>[a-zA-Z][a-zA-Z0-9_.+=:-]+@\b[0-9A-Za-z][0-9A-Za-z-]{0,62}(?:\.[0-9A-Za-z][0-9A-Za-z-]{0,62})*\.?(?![0-9A-Za-z-]))", Options);
    private readonly Regex _callback = new(@"(?:请|麻烦|能不能|可以|尽快|稍后|回头)?[^。！？]{0,8}?(?:回电|回拨|回个电话|打回来|给我回|回电话|联系我|打给我)|(?i:(?:please |can you |could you )?(?:call (?:me )?back|callback|give me a call|reach me))", Options);
    private readonly Regex _complaint = new(@"投诉|举报|差评|太差了|不满意|12315|消协|曝光|(?i:\b(?:complain(?:t)?|unacceptable|terrible service|speak to (?:a|your) (?:manager|supervisor)|escalate)\b)", Options);
    private readonly Regex _refund = new(@"退款|退钱|退货|退费|把钱退|(?i:\b(?:refund|money back|return (?:it|the item|this))\b)", Options);
    private readonly Regex _cancel = new(@"取消(?:订单|服务|订阅|会员|套餐|预约)?|退订|销户|注销|(?i:\b(?:cancel(?:l?ation)?|unsubscribe|close my account|terminate)\b)", Options);
    private readonly Regex _card = new(@"(?<![0-9+])(?:[0-9]{13,19}|[0-9]{4}(?:[ -][0-9]{4}){2,3}(?:[ -][0-9]{1,3})?|[0-9]{4}[ -][0-9]{6}[ -][0-9]{5})(?![0-9])", Options);
    private readonly Regex _idCard = new(@"(?<![0-9])[1-9][0-9]{5}(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx](?![0-9])", Options);

    public int Extract(string text, string language)
    {
        var fields = new List<object?>();
        var tags = new HashSet<string>();
        var (phoneRegexes, phoneField, hoursRegex, dateRegex, relativeRegex, orderRegex) = language == "zh"
            ? (new[] { _hotline, _mobile, _landline }, PhoneCn, _hoursZh, _dateZh, _relativeZh, _orderZh)
            : (new[] { _e164, _nanp }, PhoneUs, _hoursEn, _dateEn, _relativeEn, _orderEn);
        var hoursAlternatives = language == "zh" ? new[] { hoursRegex, _hoursZhCueOnly } : new[] { hoursRegex, _hoursEnTimeFirst, _hoursEnCue };
        var phones = new List<Match>();
        foreach (var regex in phoneRegexes)
        {
            AllNonOverlapping(phones, regex, text);
        }
        foreach (var m in phones.OrderBy(m => m.Index))
        {
            fields.Add(PhoneNormalizer.Normalize(m.Groups["phone"].Value, phoneField.Region));
            AddIf(fields, m.Groups["ext"]);
        }
        if (hoursAlternatives.Select(r => r.Match(text)).FirstOrDefault(m => m.Success) is { } hours)
        {
            if (hours.Groups["days"].Success)
            {
                fields.Add(WeekdaysNormalizer.Normalize(hours.Groups["days"].Value));
            }
            fields.Add(TimeRangeNormalizer.Normalize(hours.Groups["hours"].Value));
            tags.Add("business_hours");
        }
        foreach (Match m in dateRegex.Matches(text))
        {
            fields.Add(DateNormalizer.Normalize(m.Groups["date"].Value));
            if (m.Groups["time"].Success)
            {
                fields.Add(ClockTimeNormalizer.Normalize(m.Groups["time"].Value));
            }
        }
        if (language == "en")
        {
            foreach (Match m in _dateIso.Matches(text))
            {
                fields.Add(DateNormalizer.Normalize(m.Groups["date"].Value));
            }
        }
        Appointments(fields, relativeRegex, text);
        var orderIds = new List<Match>();
        foreach (Match m in orderRegex.Matches(text))
        {
            fields.Add(m.Groups["id"].Value);
            orderIds.Add(m);
        }
        foreach (Match m in _money.Matches(text))
        {
            fields.Add(MoneyNormalizer.Normalize(m.Groups["amount"].Value, Money.Currency));
        }
        var tickets = new List<Match>();
        AllNonOverlapping(tickets, _ticketCueZh, text);
        AllNonOverlapping(tickets, _ticketCueEn, text);
        AllNonOverlapping(tickets, _ticket, text);
        foreach (var m in tickets)
        {
            fields.Add(m.Groups["id"].Value);
        }
        foreach (Match m in _email.Matches(text))
        {
            fields.Add(m.Groups["email"].Value);
        }
        Tag(tags, _callback, text, "callback_requested");
        Tag(tags, _complaint, text, "complaint");
        Tag(tags, _refund, text, "refund");
        Tag(tags, _cancel, text, "cancellation");
        foreach (Match m in _card.Matches(text))
        {
            if (!IsCardNumber(m.ValueSpan))
            {
                continue;
            }
            // Digits already read as an order number stay one field, as the pack keeps one string field per span.
            if (!orderIds.Exists(o => o.Index < m.Index + m.Length && m.Index < o.Index + o.Length))
            {
                fields.Add(m.Value);
            }
            tags.Add("pci");
        }
        foreach (Match m in _idCard.Matches(text))
        {
            fields.Add(m.Value);
            tags.Add("pii");
        }
        return fields.Count + tags.Count;
    }

    private static void Appointments(List<object?> fields, Regex regex, string text)
    {
        foreach (Match m in regex.Matches(text))
        {
            fields.Add(m.Groups["relative"].Value);
            if (m.Groups["time"].Success)
            {
                fields.Add(ClockTimeNormalizer.Normalize(m.Groups["time"].Value));
            }
        }
    }

    /// <summary>A card's first digit (2–6, or 1 for a 15-digit airline card) and its Luhn check digit.</summary>
    private static bool IsCardNumber(ReadOnlySpan<char> number)
    {
        Span<int> digits = stackalloc int[19];
        var count = 0;
        foreach (var c in number)
        {
            if (char.IsAsciiDigit(c))
            {
                digits[count++] = c - '0';
            }
        }
        if (!(digits[0] is >= 2 and <= 6 || (digits[0] == 1 && count == 15)))
        {
            return false;
        }
        var sum = 0;
        for (var i = 0; i < count; i++)
        {
            var d = digits[count - 1 - i];
            sum += i % 2 == 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d;
        }
        return sum % 10 == 0;
    }

    private static void AllNonOverlapping(List<Match> taken, Regex regex, string text)
    {
        foreach (Match m in regex.Matches(text))
        {
            if (!taken.Any(t => t.Index < m.Index + m.Length && m.Index < t.Index + t.Length))
            {
                taken.Add(m);
            }
        }
    }

    private static void AddIf(List<object?> fields, Group group)
    {
        if (group.Success && group.Length > 0)
        {
            fields.Add(group.Value);
        }
    }

    private static void Tag(HashSet<string> tags, Regex regex, string text, string tag)
    {
        if (regex.IsMatch(text))
        {
            tags.Add(tag);
        }
    }
}
