using System.Text;
using System.Text.Unicode;

namespace DeputyPerformance.Domain.Common;

/// <summary>What every import and export file of the product shares: the CSV encodings read, and cells Excel must not run.</summary>
public static class ImportFiles
{
    static ImportFiles() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>
    /// UTF-8 when the bytes say so (a BOM, or valid UTF-8), else GB18030, which Chinese Excel writes. A sample cut from a
    /// longer file may end inside a UTF-8 character, so up to three trailing bytes are forgiven then.
    /// </summary>
    public static Encoding DetectEncoding(ReadOnlySpan<byte> sample, bool sampleIsWholeFile)
    {
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return new UTF8Encoding(false);
        if (Utf8.IsValid(sample)) return new UTF8Encoding(false);
        if (!sampleIsWholeFile)
        {
            for (var cut = 1; cut <= 3 && cut < sample.Length; cut++)
            {
                if (Utf8.IsValid(sample[..^cut])) return new UTF8Encoding(false);
            }
        }

        return Encoding.GetEncoding("GB18030");
    }

    /// <summary>The text of a whole file in its detected encoding, without a BOM.</summary>
    public static string Decode(byte[] bytes)
    {
        var bom = bytes is [0xEF, 0xBB, 0xBF, ..] ? 3 : 0;
        return DetectEncoding(bytes, sampleIsWholeFile: true).GetString(bytes, bom, bytes.Length - bom);
    }

    /// <summary>Prefixes an apostrophe to text that Excel would read as a formula (= + - @, also after tab or CR).</summary>
    public static string Neutralise(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        return text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
    }
}
