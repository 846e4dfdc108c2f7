using System.Globalization;
using CsvHelper;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Scoring;
using MiniExcelLibs;

namespace DeputyPerformance.Domain.Exits;

/// <summary>
/// The exit-flag export (domain.md section 7): one row per deputy, rule and year, contract columns and codes for the admin
/// verb, or headers, rule names, tiers and statuses in the user's language for the board's download. CSV is UTF-8 with
/// a BOM; text cells cannot start a formula.
/// </summary>
public static class ExitFlagSheet
{
    public static readonly IReadOnlyList<string> ContractColumns = ["deputy_number", "name", "town", "rule", "year", "tier", "status", "evidence"];

    public static async Task WriteAsync(Stream output, IReadOnlyList<ExitFlagExportRow> rows, ScoreSheetFormat format, ScoreSheetHeaders headers,
        CancellationToken ct = default)
    {
        var contract = headers == ScoreSheetHeaders.Contract;
        var header = contract ? ContractColumns.ToList() : ContractColumns.Select(c => DomainText.Get("ExitColumn_" + c)).ToList();
        var table = rows.Select(r => Cells(r, contract)).ToList();
        if (format == ScoreSheetFormat.Csv)
        {
            await using var csv = CsvWriter.Create(output, CsvWriterOptions.Default with { WriteByteOrderMark = true }, leaveOpen: true);
            foreach (var h in header) csv.WriteField(h);
            await csv.EndRecordAsync(ct);
            foreach (var cells in table)
            {
                foreach (var cell in cells) csv.WriteField(cell is int i ? i.ToString(CultureInfo.InvariantCulture) : cell?.ToString() ?? "");
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

    private static object?[] Cells(ExitFlagExportRow r, bool contract) =>
    [
        ImportFiles.Neutralise(r.DeputyNumber), ImportFiles.Neutralise(r.Name), ImportFiles.Neutralise(r.Town),
        contract ? r.Rule : DomainText.Get(ExitRuleCodes.NameKey(r.Rule)), r.Year,
        contract ? r.Tier : DomainText.Get("ExitTier_" + r.Tier), contract ? r.Status : DomainText.Get("ExitFlagStatus_" + r.Status),
        ImportFiles.Neutralise(r.Evidence),
    ];
}
