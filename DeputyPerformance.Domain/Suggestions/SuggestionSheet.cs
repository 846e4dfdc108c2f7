using System.Globalization;
using CsvHelper;
using DeputyPerformance.Domain.Ballots;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Scoring;
using MiniExcelLibs;

namespace DeputyPerformance.Domain.Suggestions;

/// <summary>One suggestion as the file of domain.md section 7 holds it.</summary>
public sealed record SuggestionExportRow(
    int Number, int Year, IReadOnlyList<string> DeputyNumbers, string Title, string Content, string? LeadDepartment,
    IReadOnlyList<string> CoDepartments, DateOnly? Assigned, DateOnly? Due, ReplyCategory? ReplyCategory, DateOnly? Replied,
    SatisfactionOption? Rating, bool IsKey, string? Supervisor);

/// <summary>
/// The suggestions file (domain.md section 7): contract columns and codes for the admin verbs, or headers and values in
/// the user's language for the board's download. CSV is UTF-8 with a BOM; text cells cannot start a formula.
/// </summary>
public static class SuggestionSheet
{
    public static readonly IReadOnlyList<string> ContractColumns =
    [
        "number", "year", "deputy_numbers", "title", "content", "lead_department", "co_departments", "assigned", "due", "reply_category",
        "replied", "rating", "key", "supervisor",
    ];

    /// <summary>The rating as the file writes it: satisfied, basically-satisfied, dissatisfied.</summary>
    public static string ContractCode(this SatisfactionOption rating) => rating switch
    {
        SatisfactionOption.Satisfied => "satisfied",
        SatisfactionOption.BasicallySatisfied => "basically-satisfied",
        _ => "dissatisfied",
    };

    /// <summary>The rating of a file cell: its contract code, or the option's Chinese name from the resources.</summary>
    public static SatisfactionOption? RatingOf(string code)
    {
        var cell = code.Trim();
        foreach (var option in Enum.GetValues<SatisfactionOption>())
        {
            if (string.Equals(cell, option.ContractCode(), StringComparison.OrdinalIgnoreCase)
                || cell == DomainText.Get("Option_" + option, Chinese))
            {
                return option;
            }
        }

        return null;
    }

    /// <summary>The key cell of a file: yes / no, or their Chinese names (是 / 否) from the resources; null when neither.</summary>
    public static bool? FlagOf(string cell)
    {
        var text = cell.Trim();
        if (string.Equals(text, "yes", StringComparison.OrdinalIgnoreCase) || text == DomainText.Get("Sg_Yes", Chinese)) return true;
        if (string.Equals(text, "no", StringComparison.OrdinalIgnoreCase) || text == DomainText.Get("Sg_No", Chinese)) return false;
        return null;
    }

    private static readonly System.Globalization.CultureInfo Chinese = System.Globalization.CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>A CSV template: the contract headers and one example row (UTF-8 with a BOM).</summary>
    public static byte[] Template() => new System.Text.UTF8Encoding(true).GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(
        string.Join(",", ContractColumns) + "\n"
        + "1,2020,C001;C002," + DomainText.Get("SgTemplate_Title") + "," + DomainText.Get("SgTemplate_Content") + "," + DomainText.Get("SgTemplate_Lead")
        + ",,2020-03-20,2020-06-20,B,2020-06-01,satisfied,no,\n")).ToArray();

    public static async Task WriteAsync(Stream output, IReadOnlyList<SuggestionExportRow> rows, ScoreSheetFormat format, ScoreSheetHeaders headers,
        CancellationToken ct = default)
    {
        var contract = headers == ScoreSheetHeaders.Contract;
        var header = contract ? ContractColumns.ToList() : ContractColumns.Select(c => DomainText.Get("SgColumn_" + c)).ToList();
        var table = rows.Select(r => Cells(r, contract)).ToList();
        if (format == ScoreSheetFormat.Csv)
        {
            await using var csv = CsvWriter.Create(output, CsvWriterOptions.Default with { WriteByteOrderMark = true }, leaveOpen: true);
            foreach (var h in header) csv.WriteField(h);
            await csv.EndRecordAsync(ct);
            foreach (var cells in table)
            {
                foreach (var cell in cells) csv.WriteField(cell switch
                {
                    int i => i.ToString(CultureInfo.InvariantCulture),
                    null => "",
                    var o => o.ToString(),
                });
                await csv.EndRecordAsync(ct);
            }

            await csv.FlushAsync(ct);
            return;
        }

        var records = table.Select(cells =>
        {
            var record = new Dictionary<string, object?>();
            for (var i = 0; i < header.Count; i++) record[header[i]] = cells[i];
            return record;
        }).ToList();
        await output.SaveAsAsync(records, excelType: ExcelType.XLSX, cancellationToken: ct);
    }

    private static object?[] Cells(SuggestionExportRow r, bool contract)
    {
        static string? Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var rating = r.Rating is { } v ? (contract ? v.ContractCode() : DomainText.Get("Option_" + v)) : null;
        var key = contract ? (r.IsKey ? "yes" : "no") : DomainText.Get(r.IsKey ? "Sg_Yes" : "Sg_No");
        return
        [
            r.Number, r.Year, ImportFiles.Neutralise(string.Join(";", r.DeputyNumbers)), ImportFiles.Neutralise(r.Title), ImportFiles.Neutralise(r.Content),
            ImportFiles.Neutralise(r.LeadDepartment), ImportFiles.Neutralise(string.Join(";", r.CoDepartments)), Date(r.Assigned), Date(r.Due),
            r.ReplyCategory?.ToString(), Date(r.Replied), rating, key, ImportFiles.Neutralise(r.Supervisor),
        ];
    }
}
