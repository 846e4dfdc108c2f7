using System.Text;
using DeputyPerformance.Domain.Common;
using MiniExcelLibs;

namespace DeputyPerformance.Domain.Roster;

/// <summary>The roster templates offered for download: the header row and one example row, as CSV or .xlsx.</summary>
public static class RosterTemplate
{
    /// <summary>CSV in UTF-8 with BOM, so that Excel shows the Chinese text; English or Chinese headers.</summary>
    public static byte[] Csv(bool chineseHeaders)
    {
        var text = string.Join(",", Headers(chineseHeaders)) + "\r\n" + string.Join(",", Example()) + "\r\n";
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];
    }

    /// <summary>The same template as an .xlsx workbook (one sheet).</summary>
    public static byte[] Xlsx(bool chineseHeaders)
    {
        var headers = Headers(chineseHeaders);
        var example = Example();
        var row = new Dictionary<string, object>();
        for (var i = 0; i < headers.Count; i++)
        {
            row[headers[i]] = i < example.Length ? example[i] : "";
        }

        using var stream = new MemoryStream();
        stream.SaveAs(new[] { row });
        return stream.ToArray();
    }

    private static IReadOnlyList<string> Headers(bool chinese) =>
        chinese ? RosterFormat.Columns.Select(RosterFormat.ChineseHeader).ToList() : RosterFormat.Columns;

    /// <summary>The example row in the user's language (county/no or 县/否), from the resources.</summary>
    private static string[] Example() => DomainText.Get("Roster_TemplateExample").Split(',');
}
