using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Deputies;

namespace DeputyPerformance.Domain.Reports;

public enum ReportStatus
{
    Planned,
    Held,
    Cancelled,
}

/// <summary>代表向选民述职: a planned report of a deputy to the voter representatives of his district, then its session.</summary>
public class ConstituentReport
{
    public const int MaxTextLength = 20_000;

    private ConstituentReport() { }

    public ConstituentReport(int deputyId, int townId, int year, DateOnly plannedDate, int? liaisonStationId, int minimumAttendance)
    {
        DeputyId = deputyId;
        TownId = townId;
        Year = year;
        PlannedDate = plannedDate;
        LiaisonStationId = liaisonStationId;
        MinimumAttendance = minimumAttendance;
        Status = ReportStatus.Planned;
    }

    public int Id { get; private set; }
    public int DeputyId { get; private set; }
    public Deputy? Deputy { get; private set; }
    public int TownId { get; private set; }
    public int Year { get; private set; }
    public DateOnly PlannedDate { get; private set; }
    public int? LiaisonStationId { get; private set; }
    public int MinimumAttendance { get; private set; }
    public ReportStatus Status { get; private set; }
    public DateOnly? HeldOn { get; private set; }
    public int? Attendance { get; private set; }
    public string? ReportText { get; private set; }
    public string? QuestionsRaised { get; private set; }
    public string? FeedbackToDeputy { get; private set; }
    public bool ResultAnnounced { get; private set; }
    /// <summary>The latest vote on this report; all of them are the votes whose subject is this report.</summary>
    public int? VoteId { get; private set; }

    /// <summary>Records the session; fewer attendees than the minimum make no valid session.</summary>
    public void RecordSession(DateOnly heldOn, int attendance, string? reportText, string? questions, string? feedback, bool resultAnnounced)
    {
        if (Status == ReportStatus.Cancelled) throw new DomainException("Report_Cancelled");
        if (attendance < MinimumAttendance) throw new DomainException("Report_AttendanceBelowMinimum", attendance, MinimumAttendance);
        HeldOn = heldOn;
        Attendance = attendance;
        ReportText = reportText;
        QuestionsRaised = questions;
        FeedbackToDeputy = feedback;
        ResultAnnounced = resultAnnounced;
        Status = ReportStatus.Held;
    }

    public void Cancel()
    {
        if (Status != ReportStatus.Planned) throw new DomainException("Report_NotPlanned");
        Status = ReportStatus.Cancelled;
    }

    /// <summary>A new vote was held on the report (the first, or again after a void one): it is now the current one.</summary>
    public void AttachVote(int voteId)
    {
        if (Status != ReportStatus.Held) throw new DomainException("Report_NotHeld");
        VoteId = voteId;
    }
}

/// <summary>The written rectification plan a deputy owes after more than half of the valid ballots were 不满意.</summary>
public class RectificationPlan
{
    private RectificationPlan() { }

    public RectificationPlan(int deputyId, int reportId, DateOnly dueDate)
    {
        DeputyId = deputyId;
        ConstituentReportId = reportId;
        DueDate = dueDate;
    }

    public int Id { get; private set; }
    public int DeputyId { get; private set; }
    public int ConstituentReportId { get; private set; }
    public DateOnly DueDate { get; private set; }
    public string? Text { get; private set; }
    public DateTime? SubmittedUtc { get; private set; }

    public void Submit(string text, DateTime atUtc)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new DomainException("Report_PlanTextRequired");
        Text = text.Trim();
        SubmittedUtc = atUtc;
    }
}
