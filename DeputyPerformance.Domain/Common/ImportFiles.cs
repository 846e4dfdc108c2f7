using System.Text;
using System.Text.Unicode;

namespace DeputyPerformance.Domain.Common;

/// <summary>How the bytes of a CSV file were read: the encoding, and whether the choice is doubtful.</summary>
/// <param name="Encoding">UTF-8 or GB18030; unreadable bytes decode to U+FFFD (<see cref="ImportFiles.Unreadable"/>).</param>
/// <param name="Doubtful">GB18030 was chosen but the bytes hold sequences that Chinese text rarely has (the file may be Latin-1 or another code page).</param>
public sealed record DetectedEncoding(Encoding Encoding, bool Doubtful)
{
    public bool IsGb18030 => Encoding.CodePage == 54936;
}

/// <summary>What every import and export file of the product shares: the CSV encodings read, and cells Excel must not run.</summary>
public static class ImportFiles
{
    /// <summary>What a byte sequence that is valid in neither UTF-8 nor GB18030 decodes to.</summary>
    public const char Unreadable = '\uFFFD';

    static ImportFiles()
    {
        // The provider first: a field initializer would run before this and find no GB18030.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Gb18030 = Encoding.GetEncoding("GB18030", EncoderFallback.ReplacementFallback, new DecoderReplacementFallback(Unreadable.ToString()));
    }

    /// <summary>GB18030 that turns invalid bytes into U+FFFD (the code page's default would be a silent '?').</summary>
    public static Encoding Gb18030 { get; }

    /// <summary>
    /// UTF-8 when the bytes say so (a BOM, or valid UTF-8), else GB18030, which Chinese Excel writes. A sample cut from a
    /// longer file may end inside a UTF-8 character, so up to three trailing bytes are forgiven then.
    /// </summary>
    public static Encoding DetectEncoding(ReadOnlySpan<byte> sample, bool sampleIsWholeFile) => Detect(sample, sampleIsWholeFile).Encoding;

    /// <summary>The encoding as <see cref="DetectEncoding"/> chooses it, and whether a GB18030 choice is doubtful.</summary>
    public static DetectedEncoding Detect(ReadOnlySpan<byte> sample, bool sampleIsWholeFile)
    {
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return new DetectedEncoding(new UTF8Encoding(false), false);
        if (Utf8.IsValid(sample)) return new DetectedEncoding(new UTF8Encoding(false), false);
        if (!sampleIsWholeFile)
        {
            for (var cut = 1; cut <= 3 && cut < sample.Length; cut++)
            {
                if (Utf8.IsValid(sample[..^cut])) return new DetectedEncoding(new UTF8Encoding(false), false);
            }
        }

        return new DetectedEncoding(Gb18030, !LooksLikeChinese(sample, sampleIsWholeFile));
    }

    /// <summary>
    /// True when the non-ASCII bytes read as two-byte GBK characters and few of them look like a Latin-1 letter followed
    /// by an ASCII letter (a lead byte 0xC0-0xFF, where Latin-1 keeps its accented letters, with a trail byte
    /// 0x40-0x7E): "Müller" in Latin-1 reads as M黮ler without any invalid byte. Rare characters of Chinese names
    /// (喆 86B4, 珺 AC42) have other lead bytes, so they do not count against a file.
    /// </summary>
    private static bool LooksLikeChinese(ReadOnlySpan<byte> bytes, bool whole)
    {
        int characters = 0, latinLike = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if (b < 0x80) continue;
            if (i + 1 >= bytes.Length)
            {
                // A sample cut inside a character.
                if (!whole) break;
                return false;
            }

            var t = bytes[i + 1];
            if (b is < 0x81 or > 0xFE || t is not ((>= 0x40 and <= 0x7E) or (>= 0x80 and <= 0xFE))) return false;
            characters++;
            if (b >= 0xC0 && t <= 0x7E) latinLike++;
            i++;
        }

        return latinLike * 4 <= characters;
    }

    /// <summary>The text of a whole file in its detected encoding, without a BOM.</summary>
    public static string Decode(byte[] bytes) => Decode(bytes, out _);

    /// <summary>The text of a whole file in its detected encoding, without a BOM, and how it was detected.</summary>
    public static string Decode(byte[] bytes, out DetectedEncoding detected)
    {
        var bom = bytes is [0xEF, 0xBB, 0xBF, ..] ? 3 : 0;
        detected = Detect(bytes, sampleIsWholeFile: true);
        return detected.Encoding.GetString(bytes, bom, bytes.Length - bom);
    }

    /// <summary>
    /// Prefixes an apostrophe to text that Excel would read as a formula: = + - @ (and their full-width and small
    /// forms, which Excel with a Chinese input method also accepts), a leading tab or CR, also after leading spaces or
    /// invisible characters (zero-width space, BOM, word joiner), which Excel skips.
    /// </summary>
    public static string Neutralise(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        if (text[0] is '\t' or '\r' or '\n') return "'" + text;
        foreach (var c in text)
        {
            if (IsInvisible(c) || char.IsWhiteSpace(c)) continue;
            return IsFormulaStart(c) ? "'" + text : text;
        }

        return text;
    }

    private static bool IsInvisible(char c) => c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD' or '\u180E';

    private static bool IsFormulaStart(char c) => c is '=' or '+' or '-' or '@'
        or '\uFF1D' or '\uFF0B' or '\uFF0D' or '\uFF20' // full-width ＝ ＋ － ＠
        or '\uFE66' or '\uFE62' or '\uFE63' or '\uFE6B' // small ﹦ ﹢ ﹣ ﹫
        or '\u2212'; // minus sign −
}
