using TitleBridge.Domain.Common;

namespace TitleBridge.Domain.Employers;

/// <summary>
/// An employer's unified social credit code (统一社会信用代码, GB 32100-2015), checked: 18 characters of
/// 0–9 and upper-case letters without I, O, Z, S, V. Position 1 is the registration authority (登记管理部门码),
/// 2 the organisation type (机构类别码), 3–8 the administrative division (GB/T 2260), 9–17 the organisation
/// code (主体标识码, GB 11714-1997, with its own check character in position 17) and 18 the check character.
/// </summary>
public sealed record UnifiedSocialCreditCode
{
    public const string RequiredCode = "uscc.required";
    public const string LengthCode = "uscc.length";
    public const string CharacterCode = "uscc.character";
    public const string RegistrationAuthorityCode = "uscc.registration-authority";
    public const string OrganisationTypeCode = "uscc.organisation-type";
    public const string DivisionCodeCode = "uscc.division-code";
    public const string OrganisationCodeCheckCode = "uscc.organisation-code-check";
    public const string CheckCharacterCode = "uscc.check-character";

    /// <summary>GB 32100-2015 §4: the 31 characters allowed; a character's value is its index.</summary>
    public const string Characters = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    // GB 32100-2015 §5: weight of position i is 3^(i−1) mod 31.
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    // GB 11714-1997: weights of the 8 characters of the organisation code's body.
    private static readonly int[] OrganisationWeights = [3, 7, 9, 10, 5, 8, 4, 2];

    // GB 32100-2015 Appendix A (with its amendments): 1 机构编制, 2 外交, 3 司法行政, 4 文化, 5 民政, 6 旅游,
    // 7 宗教, 8 工会, 9 市场监管（工商）, A 中央军委改革和编制办公室, N 农业, Y 其他.
    private const string RegistrationAuthorities = "123456789ANY";

    private UnifiedSocialCreditCode(string value) => Value = value;

    /// <summary>The 18 characters, upper case.</summary>
    public string Value { get; }

    public char RegistrationAuthority => Value[0];

    public char OrganisationType => Value[1];

    /// <summary>The administrative division of the registering authority (GB/T 2260), e.g. 440106 for Tianhe.</summary>
    public string DivisionCode => Value[2..8];

    /// <summary>The 9-character organisation code (组织机构代码, GB 11714-1997), check character included.</summary>
    public string OrganisationCode => Value[8..17];

    public override string ToString() => Value;

    /// <summary>
    /// Checks a code. Surrounding white space is trimmed and lower-case letters are upper-cased first: the
    /// standard has capitals only, so "91440106ma59c1k26q" can only mean one code and refusing it would just
    /// make people retype it. Anything else outside the character set is refused with its position.
    /// The organisation type is only checked to be a digit 1–9, the range Appendix A uses: its table per
    /// authority is amended from time to time, and the check characters catch mistyping anyway.
    /// </summary>
    public static Result<UnifiedSocialCreditCode> Parse(string? text)
    {
        var code = (text ?? "").Trim().ToUpperInvariant();
        const string formatEn = "a unified social credit code is 18 characters: digits and capital letters except I, O, Z, S and V";
        const string formatZh = "统一社会信用代码为 18 位：数字和除 I、O、Z、S、V 以外的大写字母";
        if (code.Length == 0)
        {
            return Fail(new Problem(RequiredCode, new($"The unified social credit code is missing: {formatEn}.", $"缺少统一社会信用代码：{formatZh}。"), "code"));
        }
        if (code.Length != 18)
        {
            return Fail(new Problem(LengthCode, new(
                $"The code has {code.Length} characters: {formatEn}.",
                $"代码为 {code.Length} 位：{formatZh}。"), "code"));
        }

        var problems = new List<Problem>();
        for (var i = 0; i < code.Length; i++)
        {
            if (Characters.IndexOf(code[i], StringComparison.Ordinal) < 0)
            {
                problems.Add(new Problem(CharacterCode, new(
                    $"The character \"{code[i]}\" at position {i + 1} is not allowed: {formatEn}.",
                    $"第 {i + 1} 位的字符“{code[i]}”不允许使用：{formatZh}。"), "code"));
            }
        }
        if (problems.Count > 0)
        {
            return Fail(problems);
        }

        if (!RegistrationAuthorities.Contains(code[0], StringComparison.Ordinal))
        {
            problems.Add(new Problem(RegistrationAuthorityCode, new(
                $"Position 1 ({code[0]}) should be the registration authority: one of 1–9, A, N or Y (GB 32100-2015 Appendix A; 9 is market regulation, for companies).",
                $"第 1 位（{code[0]}）应为登记管理部门码：1–9、A、N 或 Y 之一（GB 32100-2015 附录 A；企业为 9，即市场监管部门）。"), "code"));
        }
        if (code[1] is < '1' or > '9')
        {
            problems.Add(new Problem(OrganisationTypeCode, new(
                $"Position 2 ({code[1]}) should be the organisation type, a digit 1–9 (GB 32100-2015 Appendix A; 1 is a company).",
                $"第 2 位（{code[1]}）应为机构类别码，即 1–9 的数字（GB 32100-2015 附录 A；企业为 1）。"), "code"));
        }
        var division = code[2..8];
        if (division.AsSpan().IndexOfAnyExceptInRange('0', '9') >= 0)
        {
            problems.Add(new Problem(DivisionCodeCode, new(
                $"Positions 3–8 ({division}) should be the 6-digit administrative division code (GB/T 2260), such as 440106.",
                $"第 3–8 位（{division}）应为 6 位数字的行政区划码（GB/T 2260），例如 440106。"), "code"));
        }
        var organisationCheck = OrganisationCodeCheckCharacter(code.AsSpan(8, 8));
        if (code[16] != organisationCheck)
        {
            problems.Add(new Problem(OrganisationCodeCheckCode, new(
                $"Position 17 should be {organisationCheck}, not {code[16]}: it is the check character of the organisation code in positions 9–17 (GB 11714-1997), so one of those characters is mistyped.",
                $"第 17 位应为 {organisationCheck}，而不是 {code[16]}：它是第 9–17 位组织机构代码的校验码（GB 11714-1997），说明这几位中有输错的字符。"), "code"));
        }
        var check = CheckCharacter(code.AsSpan(0, 17));
        if (code[17] != check)
        {
            problems.Add(new Problem(CheckCharacterCode, new(
                $"The last character should be {check}, not {code[17]}: it is computed from the first 17 (GB 32100-2015), so one of the 18 characters is mistyped.",
                $"最后一位校验码应为 {check}，而不是 {code[17]}：校验码由前 17 位计算得出（GB 32100-2015），说明 18 位中有输错的字符。"), "code"));
        }
        return problems.Count == 0 ? Result<UnifiedSocialCreditCode>.Success(new UnifiedSocialCreditCode(code)) : Fail(problems);
    }

    /// <summary>
    /// GB 32100-2015 §5: C18 = 31 − (Σ value(Ci) × Wi mod 31), 31 written as 0, for the first 17 characters
    /// of <see cref="Characters"/>.
    /// </summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            throw new ArgumentException("17 characters are needed.", nameof(first17));
        }
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Characters.IndexOf(first17[i], StringComparison.Ordinal);
            if (value < 0)
            {
                throw new ArgumentException($"'{first17[i]}' is not a code character.", nameof(first17));
            }
            sum += value * Weights[i];
        }
        return Characters[(31 - sum % 31) % 31];
    }

    /// <summary>
    /// GB 11714-1997: C9 = 11 − (Σ value(Ci) × Wi mod 11), 10 written X and 11 written 0, where a digit is
    /// its value and a letter A–Z is 10–35.
    /// </summary>
    public static char OrganisationCodeCheckCharacter(ReadOnlySpan<char> first8)
    {
        if (first8.Length != 8)
        {
            throw new ArgumentException("8 characters are needed.", nameof(first8));
        }
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            var c = first8[i];
            var value = char.IsAsciiDigit(c) ? c - '0'
                : char.IsAsciiLetterUpper(c) ? c - 'A' + 10
                : throw new ArgumentException($"'{c}' is not a code character.", nameof(first8));
            sum += value * OrganisationWeights[i];
        }
        return (11 - sum % 11) switch
        {
            10 => 'X',
            11 => '0',
            var digit => (char)('0' + digit),
        };
    }

    private static Result<UnifiedSocialCreditCode> Fail(Problem problem) => Result<UnifiedSocialCreditCode>.Failure(problem);

    private static Result<UnifiedSocialCreditCode> Fail(List<Problem> problems) => Result<UnifiedSocialCreditCode>.Failure(problems);
}
