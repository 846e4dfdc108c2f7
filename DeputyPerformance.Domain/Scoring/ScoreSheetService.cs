using System.Globalization;
using CsvHelper;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MiniExcelLibs;

namespace DeputyPerformance.Domain.Scoring;

public enum ScoreSheetFormat
{
    Csv,
    Xlsx,
}

public enum ScoreSheetHeaders
{
    /// <summary>The file contract of domain.md section 7 (export-scores): English codes, grade good/fair/poor.</summary>
    Contract,
    /// <summary>For people: headers, grades and category names in the UI language (Chinese by default).</summary>
    Localized,
}

/// <summary>
/// A year's score sheet as .xlsx or CSV (UTF-8 with BOM so Excel reads Chinese). Text cells that start with
/// = + - @ get a leading apostrophe so Excel never runs them as a formula; numbers are written as numbers.
/// </summary>
public sealed class ScoreSheetService(IDbContextFactory<DeputyDbContext> factory, ScoreService scores, ILogger<ScoreSheetService> logger)
{
    public static readonly IReadOnlyList<string> ContractColumns = ["deputy_number", "name", "town", "score", "grade", "rank_county", "rank_town"];

    public static ScoreSheetFormat FormatOf(string fileName) =>
        Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".csv" => ScoreSheetFormat.Csv,
            ".xlsx" => ScoreSheetFormat.Xlsx,
            _ => throw new DomainException("Export_UnknownFormat"),
        };

    /// <summary>Writes the sheet of a year: one row per deputy of the board the caller may see, in county rank order.</summary>
    public async Task WriteAsync(Caller caller, int year, Stream output, ScoreSheetFormat format, ScoreSheetHeaders headers,
        RankingFilter? filter = null, CancellationToken ct = default)
    {
        Guard.Allow(ScoreService.CanReadBoard(caller), caller, "Score.Export", logger, year);
        RuleValues rules;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            rules = await ScoringRuleService.EffectiveAsync(db, year, ct);
        }

        var rows = await scores.AllRowsAsync(caller, year, filter ?? new RankingFilter(), ct);
        var totals = await scores.CategoryTotalsAsync(caller, year, filter ?? new RankingFilter(), ct);
        var codes = rules.Categories.Select(c => c.Code).ToList();
        var header = headers == ScoreSheetHeaders.Contract
            ? ContractColumns.Concat(codes).ToList()
            : ContractColumns.Select(c => DomainText.Get("Column_" + c)).Concat(codes.Select(DutyCategory.NameOf)).ToList();
        var table = rows.Select(r => Cells(r, totals[r.DeputyId], rules, codes, headers)).ToList();
        if (format == ScoreSheetFormat.Csv)
        {
            await WriteCsvAsync(output, header, table, ct);
        }
        else
        {
            var records = table.Select(cells =>
            {
                var record = new Dictionary<string, object?>();
                for (var i = 0; i < header.Count; i++) record[header[i]] = cells[i];
                return record;
            });
            await output.SaveAsAsync(records, excelType: ExcelType.XLSX, cancellationToken: ct);
        }
    }

    private static object?[] Cells(RankingRow r, IEnumerable<CategoryCount> counts, RuleValues rules, IReadOnlyList<string> codes, ScoreSheetHeaders headers)
    {
        var points = ScoreCalculator.ScoreOf(counts, rules).Breakdown.ToDictionary(b => b.Code, b => b.Points);
        var grade = headers == ScoreSheetHeaders.Contract ? r.Grade.ContractCode() : DomainText.Get("Grade_" + r.Grade);
        var cells = new List<object?> { ImportFiles.Neutralise(r.DeputyNumber), ImportFiles.Neutralise(r.Name), ImportFiles.Neutralise(r.TownName), r.Score, grade, r.RankCounty, r.RankTown };
        cells.AddRange(codes.Select(c => (object?)(points.TryGetValue(c, out var p) ? p : 0)));
        return cells.ToArray();
    }

    private static async Task WriteCsvAsync(Stream output, IReadOnlyList<string> header, IEnumerable<object?[]> table, CancellationToken ct)
    {
        await using var csv = CsvWriter.Create(output, CsvWriterOptions.Default with { WriteByteOrderMark = true }, leaveOpen: true);
        foreach (var h in header) csv.WriteField(ImportFiles.Neutralise(h));
        await csv.EndRecordAsync(ct);
        foreach (var cells in table)
        {
            foreach (var cell in cells)
            {
                csv.WriteField(cell switch
                {
                    int i => i.ToString(CultureInfo.InvariantCulture),
                    null => "",
                    var o => o.ToString(),
                });
            }

            await csv.EndRecordAsync(ct);
        }

        await csv.FlushAsync(ct);
    }
}
