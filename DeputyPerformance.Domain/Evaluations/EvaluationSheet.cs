using System.Globalization;
using CsvHelper;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Scoring;
using MiniExcelLibs;

namespace DeputyPerformance.Domain.Evaluations;

/// <summary>
/// The evaluation export (domain.md section 7): contract columns and codes for the admin verb, or headers and values in
/// the user's language for the page's download. CSV is UTF-8 with a BOM; text cells cannot start a formula.
/// </summary>
public static class EvaluationSheet
{
    public static readonly IReadOnlyList<string> ContractColumns =
    [
        "department", "year", "phase", "vote_date", "members", "present", "satisfied", "basically_satisfied", "dissatisfied", "invalid",
        "grade", "rectification_due", "rectification_reported", "revote_grade",
    ];

    /// <summary>The phase as the export writes it: publicity, self-check, ..., closed, withdrawn.</summary>
    public static string ContractCode(this EvaluationPhase phase) => phase switch
    {
        EvaluationPhase.Publicity => "publicity",
        EvaluationPhase.SelfCheck => "self-check",
        EvaluationPhase.Investigation => "investigation",
        EvaluationPhase.HearingAndVote => "hearing-and-vote",
        EvaluationPhase.FeedbackAndPublication => "feedback-and-publication",
        EvaluationPhase.Rectification => "rectification",
        EvaluationPhase.RectificationReport => "rectification-report",
        EvaluationPhase.Revote => "revote",
        EvaluationPhase.Closed => "closed",
        _ => "withdrawn",
    };

    public static async Task WriteAsync(Stream output, IReadOnlyList<EvaluationExportRow> rows, ScoreSheetFormat format, ScoreSheetHeaders headers, CancellationToken ct = default)
    {
        var contract = headers == ScoreSheetHeaders.Contract;
        var header = contract ? ContractColumns.ToList() : ContractColumns.Select(c => DomainText.Get("EvalColumn_" + c)).ToList();
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

    private static object?[] Cells(EvaluationExportRow r, bool contract)
    {
        static string? Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string? Outcome(EvaluationOutcome? o) => o is { } v ? (contract ? v.ContractCode() : DomainText.Get("EvaluationOutcome_" + v)) : null;
        return
        [
            ImportFiles.Neutralise(r.Department), r.Year, contract ? r.Phase.ContractCode() : DomainText.Get("EvaluationPhase_" + r.Phase),
            Date(r.VoteDate), r.Members, r.Present, r.Satisfied, r.BasicallySatisfied, r.Dissatisfied, r.Invalid, Outcome(r.Grade),
            Date(r.RectificationDue), Date(r.RectificationReported), Outcome(r.RevoteGrade),
        ];
    }
}
