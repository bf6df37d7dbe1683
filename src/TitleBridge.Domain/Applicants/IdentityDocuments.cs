using System.Globalization;
using TitleBridge.Domain.Common;

namespace TitleBridge.Domain.Applicants;

/// <summary>The identity documents an applicant may give (policy.md §1: overseas, Hong Kong, Macao and Taiwan applicants).</summary>
public enum IdentityDocumentType
{
    /// <summary>A passport of any country, with its issuing country.</summary>
    Passport,

    /// <summary>港澳居民来往内地通行证 (Mainland Travel Permit for Hong Kong and Macao Residents).</summary>
    HongKongMacaoTravelPermit,

    /// <summary>台湾居民来往大陆通行证 (Mainland Travel Permit for Taiwan Residents).</summary>
    TaiwanTravelPermit,

    /// <summary>
    /// A citizen identity number of 18 characters: 居民身份证, or the residence permit for Hong Kong, Macao or
    /// Taiwan residents (港澳台居民居住证), which uses the same number format.
    /// </summary>
    ResidentIdentityNumber,
}

/// <summary>
/// Format checks of identity document numbers. They say whether a number can be right, not whether the
/// document exists: that is checked by an officer on the document itself. Each check trims surrounding white
/// space and upper-cases letters (people type "x" for "X" and "h" for "H"; the documents print capitals), and
/// returns the number in that form, or the problems, each saying what the format is.
/// </summary>
public static class IdentityDocuments
{
    public const string RequiredCode = "identity.required";
    public const string PassportLengthCode = "identity.passport.length";
    public const string PassportCharacterCode = "identity.passport.character";
    public const string IssuingCountryRequiredCode = "identity.passport.issuing-country-required";
    public const string IssuingCountryFormatCode = "identity.passport.issuing-country-format";
    public const string HongKongMacaoFormatCode = "identity.hk-macao-permit.format";
    public const string TaiwanFormatCode = "identity.taiwan-permit.format";
    public const string ResidentIdLengthCode = "identity.resident-id.length";
    public const string ResidentIdFormatCode = "identity.resident-id.format";
    public const string ResidentIdAreaCode = "identity.resident-id.area-code";
    public const string ResidentIdBirthDateCode = "identity.resident-id.birth-date";
    public const string ResidentIdBirthDateFutureCode = "identity.resident-id.birth-date-future";
    public const string ResidentIdCheckCode = "identity.resident-id.check-character";

    /// <summary>Checks a number of the given type; <paramref name="issuingCountry"/> is used for passports only.</summary>
    public static Result<string> Check(IdentityDocumentType type, string? number, string? issuingCountry, DateOnly today) => type switch
    {
        IdentityDocumentType.Passport => CheckPassport(number, issuingCountry),
        IdentityDocumentType.HongKongMacaoTravelPermit => CheckHongKongMacaoTravelPermit(number),
        IdentityDocumentType.TaiwanTravelPermit => CheckTaiwanTravelPermit(number),
        IdentityDocumentType.ResidentIdentityNumber => CheckResidentIdentityNumber(number, today),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>
    /// A passport number: 5 to 20 letters A–Z and digits. Passport numbers differ by country (ICAO Doc 9303
    /// allows up to 9 characters in the machine-readable zone, some countries print longer ones), so only
    /// spaces, punctuation and other scripts are refused. The issuing country is required, as an ISO 3166-1
    /// alpha-2 (e.g. GB) or alpha-3 (e.g. GBR) code: the same number can be issued by two countries.
    /// The code's format is checked, not its membership of the ISO list.
    /// </summary>
    public static Result<string> CheckPassport(string? number, string? issuingCountry)
    {
        var problems = new List<Problem>();
        var normalised = Normalise(number);
        const string formatEn = "a passport number is 5 to 20 letters (A–Z) and digits, without spaces or punctuation";
        const string formatZh = "护照号码为 5 至 20 位字母（A–Z）和数字，不含空格或标点";
        if (normalised.Length == 0)
        {
            problems.Add(Required("passport number", "护照号码", formatEn, formatZh, "number"));
        }
        else if (FirstNotIn(normalised, IsAsciiLetterOrDigit) is { } bad)
        {
            problems.Add(new Problem(PassportCharacterCode, new(
                $"The character \"{normalised[bad]}\" at position {bad + 1} is not allowed: {formatEn}.",
                $"第 {bad + 1} 位的字符“{normalised[bad]}”不允许使用：{formatZh}。"), "number"));
        }
        else if (normalised.Length is < 5 or > 20)
        {
            problems.Add(new Problem(PassportLengthCode, new(
                $"The passport number has {normalised.Length} characters: {formatEn}.",
                $"护照号码为 {normalised.Length} 位：{formatZh}。"), "number"));
        }

        var country = Normalise(issuingCountry);
        const string countryEn = "the issuing country is its ISO 3166-1 code of 2 or 3 letters, such as GB or GBR";
        const string countryZh = "签发国家须填写 ISO 3166-1 的 2 位或 3 位字母代码，例如 GB 或 GBR";
        if (country.Length == 0)
        {
            problems.Add(new Problem(IssuingCountryRequiredCode, new(
                $"The issuing country of the passport is missing: {countryEn}.",
                $"缺少护照签发国家：{countryZh}。"), "issuingCountry"));
        }
        else if (country.Length is not (2 or 3) || !country.All(char.IsAsciiLetterUpper))
        {
            problems.Add(new Problem(IssuingCountryFormatCode, new(
                $"\"{issuingCountry!.Trim()}\" is not a country code: {countryEn}.",
                $"“{issuingCountry!.Trim()}”不是国家代码：{countryZh}。"), "issuingCountry"));
        }
        return Done(normalised, problems);
    }

    /// <summary>
    /// 港澳居民来往内地通行证: H (Hong Kong) or M (Macao) and 8 digits, as on the card issued since 2013; the
    /// older form with 10 digits (the 8-digit lifelong number and a 2-digit issue count) is still accepted,
    /// because the number is kept on file for earlier applications.
    /// </summary>
    public static Result<string> CheckHongKongMacaoTravelPermit(string? number)
    {
        var normalised = Normalise(number);
        const string formatEn = "the permit number is H (Hong Kong) or M (Macao) followed by 8 digits, or by 10 digits on older permits, such as H12345678";
        const string formatZh = "通行证号码为 H（香港）或 M（澳门）加 8 位数字，旧版为加 10 位数字，例如 H12345678";
        if (normalised.Length == 0)
        {
            return Result<string>.Failure(Required("permit number", "通行证号码", formatEn, formatZh, "number"));
        }
        var ok = normalised.Length is 9 or 11 && normalised[0] is 'H' or 'M' && normalised.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0;
        return ok
            ? Result<string>.Success(normalised)
            : Result<string>.Failure(new Problem(HongKongMacaoFormatCode, new(
                $"\"{normalised}\" is not a Mainland Travel Permit for Hong Kong and Macao Residents number: {formatEn}.",
                $"“{normalised}”不是有效的港澳居民来往内地通行证号码：{formatZh}。"), "number"));
    }

    /// <summary>
    /// 台湾居民来往大陆通行证: 8 digits, the lifelong number (一人一号、终身不变) used alone since 25 September
    /// 2008. Older permits (from May 1992) added a 2-digit issue count and, in brackets, the issuing office
    /// (a letter or digit, e.g. 0561682001(D)); from June 2006 Fujian, Jiangsu and Shanghai dropped the bracket
    /// (source: 中新网, 2008-09-12, "台胞证9月25日起实行一人一号、终身不变"). Those forms are accepted, since
    /// earlier records may carry them; full-width brackets （） are read as ( ).
    /// </summary>
    public static Result<string> CheckTaiwanTravelPermit(string? number)
    {
        var normalised = Normalise(number).Replace('（', '(').Replace('）', ')');
        const string formatEn = "the permit number is 8 digits, such as 12345678; older permits have 10 digits, optionally followed by the issuing office in brackets, such as 1234567801(B)";
        const string formatZh = "通行证号码为 8 位数字，例如 12345678；旧版为 10 位数字，其后可带括号内的签发机关代码，例如 1234567801(B)";
        if (normalised.Length == 0)
        {
            return Result<string>.Failure(Required("permit number", "通行证号码", formatEn, formatZh, "number"));
        }
        var span = normalised.AsSpan();
        var ok = (span.Length is 8 or 10 && AllDigits(span))
            || (span.Length == 13 && AllDigits(span[..10]) && span[10] == '(' && char.IsAsciiLetterOrDigit(span[11]) && span[12] == ')');
        return ok
            ? Result<string>.Success(normalised)
            : Result<string>.Failure(new Problem(TaiwanFormatCode, new(
                $"\"{normalised}\" is not a Mainland Travel Permit for Taiwan Residents number: {formatEn}.",
                $"“{normalised}”不是有效的台湾居民来往大陆通行证号码：{formatZh}。"), "number"));
    }

    // GB/T 2260 province-level codes: the first two digits of every 居民身份证 area code.
    private static readonly HashSet<string> ProvinceCodes =
    [
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
    ];

    // 港澳台居民居住证申领发放办法 (国办发〔2018〕81号): the permit number's area code is 810000 (Hong Kong),
    // 820000 (Macao) or 830000 (Taiwan); the rest follows GB 11643-1999.
    private static readonly HashSet<string> ResidencePermitAreaCodes = ["810000", "820000", "830000"];

    /// <summary>
    /// An 18-character citizen identity number (GB 11643-1999 公民身份号码): a 6-digit area code (GB/T 2260;
    /// the province part is checked), the 8-digit date of birth YYYYMMDD (a real date, not after
    /// <paramref name="today"/>), a 3-digit sequence number and the ISO 7064 MOD 11-2 check character (0–9 or
    /// X). Residence permits for Hong Kong, Macao and Taiwan residents use the same format with area code
    /// 810000, 820000 or 830000 and are accepted. The 15-digit numbers of first-generation cards are refused:
    /// those cards stopped being valid on 1 January 2013.
    /// </summary>
    public static Result<string> CheckResidentIdentityNumber(string? number, DateOnly today)
    {
        var normalised = Normalise(number);
        const string formatEn = "an identity number is 18 characters: 17 digits then a check character 0–9 or X";
        const string formatZh = "身份号码为 18 位：17 位数字加 1 位校验码（0–9 或 X）";
        if (normalised.Length == 0)
        {
            return Result<string>.Failure(Required("identity number", "身份号码", formatEn, formatZh, "number"));
        }
        if (normalised.Length != 18)
        {
            return Result<string>.Failure(new Problem(ResidentIdLengthCode, new(
                $"The identity number has {normalised.Length} characters: {formatEn}.",
                $"身份号码为 {normalised.Length} 位：{formatZh}。"), "number"));
        }
        var span = normalised.AsSpan();
        if (FirstNotIn(normalised[..17], char.IsAsciiDigit) is { } bad)
        {
            return Result<string>.Failure(FormatProblem(bad, normalised[bad]));
        }
        if (!(char.IsAsciiDigit(span[17]) || span[17] == 'X'))
        {
            return Result<string>.Failure(FormatProblem(17, normalised[17]));
        }

        var problems = new List<Problem>();
        var area = normalised[..6];
        if (!ProvinceCodes.Contains(area[..2]) && !ResidencePermitAreaCodes.Contains(area))
        {
            problems.Add(new Problem(ResidentIdAreaCode, new(
                $"The area code {area} (characters 1–6) is not a province of China (GB/T 2260), nor 810000, 820000 or 830000 of a residence permit for Hong Kong, Macao or Taiwan residents.",
                $"地址码 {area}（第 1–6 位）不属于任何省级行政区（GB/T 2260），也不是港澳台居民居住证的 810000、820000 或 830000。"), "number"));
        }
        var birth = normalised[6..14];
        if (!DateOnly.TryParseExact(birth, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birthDate))
        {
            problems.Add(new Problem(ResidentIdBirthDateCode, new(
                $"Characters 7–14 ({birth}) should be the date of birth YYYYMMDD, but that is not a date.",
                $"第 7–14 位（{birth}）应为出生日期 YYYYMMDD，但不是有效日期。"), "number"));
        }
        else if (birthDate > today)
        {
            problems.Add(new Problem(ResidentIdBirthDateFutureCode, new(
                $"Characters 7–14 give a date of birth in the future ({birthDate:yyyy-MM-dd}).",
                $"第 7–14 位表示的出生日期（{birthDate:yyyy-MM-dd}）晚于今天。"), "number"));
        }
        var expected = ResidentIdentityCheckCharacter(span[..17]);
        if (span[17] != expected)
        {
            problems.Add(new Problem(ResidentIdCheckCode, new(
                $"The last character should be {expected}, not {span[17]}: it is computed from the first 17 digits (GB 11643-1999, ISO 7064 MOD 11-2), so one of the 18 characters is mistyped.",
                $"最后一位校验码应为 {expected}，而不是 {span[17]}：校验码由前 17 位计算得出（GB 11643-1999，ISO 7064 MOD 11-2），说明 18 位中有输错的字符。"), "number"));
        }
        return Done(normalised, problems);

        static Problem FormatProblem(int position, char c) => new(ResidentIdFormatCode, new(
            $"The character \"{c}\" at position {position + 1} is not allowed: {formatEn}.",
            $"第 {position + 1} 位的字符“{c}”不允许使用：{formatZh}。"), "number");
    }

    // GB 11643-1999 §8.2: weight of position i (1-based from the left) is 2^(18−i) mod 11.
    private static readonly int[] ResidentIdWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>The ISO 7064 MOD 11-2 check character of GB 11643-1999 for 17 digits.</summary>
    public static char ResidentIdentityCheckCharacter(ReadOnlySpan<char> first17Digits)
    {
        if (first17Digits.Length != 17 || !AllDigits(first17Digits))
        {
            throw new ArgumentException("17 digits are needed.", nameof(first17Digits));
        }
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17Digits[i] - '0') * ResidentIdWeights[i];
        }
        // The check value a satisfies (sum + a) mod 11 = 1; a = 10 is written X.
        return "10X98765432"[sum % 11];
    }

    /// <summary>
    /// The number as shown to anyone but its holder and officers (e.g. on a publicity list, policy.md §5 step 5:
    /// minimal personal data): only the first and last few characters stay, every other character becomes
    /// '*', so the length still shows. At most about half is shown — 14 or more characters: first 3 and last 4
    /// (11010519491231002X → 110***********002X, which hides the district and the date of birth); 10–13: first
    /// 2 and last 3; 6–9: first 1 and last 2 (H12345678 → H******78); fewer than 6: all masked.
    /// </summary>
    public static string Mask(string? documentNumber)
    {
        var number = documentNumber?.Trim() ?? "";
        var (head, tail) = number.Length switch
        {
            >= 14 => (3, 4),
            >= 10 => (2, 3),
            >= 6 => (1, 2),
            _ => (0, 0),
        };
        return string.Concat(number.AsSpan(0, head), new string('*', number.Length - head - tail), number.AsSpan(number.Length - tail));
    }

    private static string Normalise(string? value) => (value ?? "").Trim().ToUpperInvariant();

    private static bool IsAsciiLetterOrDigit(char c) => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c);

    private static bool AllDigits(ReadOnlySpan<char> span) => span.IndexOfAnyExceptInRange('0', '9') < 0;

    private static int? FirstNotIn(string text, Func<char, bool> allowed)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (!allowed(text[i]))
            {
                return i;
            }
        }
        return null;
    }

    private static Problem Required(string whatEn, string whatZh, string formatEn, string formatZh, string field) =>
        new(RequiredCode, new($"The {whatEn} is missing: {formatEn}.", $"缺少{whatZh}：{formatZh}。"), field);

    private static Result<string> Done(string normalised, List<Problem> problems) =>
        problems.Count == 0 ? Result<string>.Success(normalised) : Result<string>.Failure(problems);
}
