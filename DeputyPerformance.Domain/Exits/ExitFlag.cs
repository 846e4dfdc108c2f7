using DeputyPerformance.Domain.Common;

namespace DeputyPerformance.Domain.Exits;

/// <summary>The three lines of the Xingning rules: red = legal termination or recall, bottom = persuade to resign, defence = warning talk.</summary>
public enum ExitTier
{
    Red,
    Bottom,
    Defence,
}

public enum ExitFlagStatus
{
    Open,
    Withdrawn,
    CaseOpened,
    Closed,
}

/// <summary>The rule codes of the exit flags: stable identifiers of the export file (domain.md section 7).</summary>
public static class ExitRuleCodes
{
    public const string CongressAbsencesTerm = "congress-absences-term";
    public const string RecessAbsencesYear = "recess-absences-year";
    public const string PoorGradeConsecutive = "poor-grade-consecutive";
    public const string ReportSatisfactionLow = "report-satisfaction-low";
    public const string Detention = "detention";
    /// <summary>The defence line (约谈), only when the year's rules switch it on; not one of the contract's default codes.</summary>
    public const string PoorGradeWarning = "poor-grade-warning";

    public static readonly IReadOnlyList<string> All =
        [CongressAbsencesTerm, RecessAbsencesYear, PoorGradeConsecutive, ReportSatisfactionLow, Detention, PoorGradeWarning];

    public static ExitTier TierOf(string rule) => rule switch
    {
        CongressAbsencesTerm or Detention => ExitTier.Red,
        PoorGradeWarning => ExitTier.Defence,
        _ => ExitTier.Bottom,
    };

    public static string ContractCode(this ExitTier tier) => tier switch
    {
        ExitTier.Red => "red",
        ExitTier.Bottom => "bottom",
        _ => "defence",
    };

    public static string ContractCode(this ExitFlagStatus status) => status switch
    {
        ExitFlagStatus.Open => "open",
        ExitFlagStatus.Withdrawn => "withdrawn",
        ExitFlagStatus.CaseOpened => "case-opened",
        _ => "closed",
    };

    /// <summary>The resource key naming a rule (ExitRule_congress-absences-term ...).</summary>
    public static string NameKey(string rule) => "ExitRule_" + rule;
}

/// <summary>
/// A reason to review whether a deputy should leave office, raised from the data for one rule and one year. It follows
/// the data: a flag whose cause disappears is withdrawn with the reason, never deleted; if the cause comes back the same
/// flag is raised again. A case opened on it moves it to case-opened, the case's end to closed.
/// </summary>
public class ExitFlag
{
    public const int MaxEvidenceLength = 2000;

    private ExitFlag() { }

    public ExitFlag(int deputyId, string rule, int year, string evidence, string evidenceRefs, DateTime raisedUtc)
    {
        DeputyId = deputyId;
        Rule = rule;
        Year = year;
        Tier = ExitRuleCodes.TierOf(rule);
        Evidence = Cut(evidence);
        EvidenceRefs = Cut(evidenceRefs);
        RaisedUtc = raisedUtc;
        Status = ExitFlagStatus.Open;
    }

    public int Id { get; private set; }
    public int DeputyId { get; private set; }
    public string Rule { get; private set; } = "";
    public int Year { get; private set; }
    public ExitTier Tier { get; private set; }
    public ExitFlagStatus Status { get; private set; }
    /// <summary>What the rule counted, in words of the export (dates of absences, years and scores, the vote's rate).</summary>
    public string Evidence { get; private set; } = "";
    /// <summary>The records behind it, e.g. <c>log:12;log:40</c>, <c>vote:7</c>, <c>score:2017</c>: the pages link them.</summary>
    public string EvidenceRefs { get; private set; } = "";
    public DateTime RaisedUtc { get; private set; }
    public DateTime? WithdrawnUtc { get; private set; }
    /// <summary>Why the flag was withdrawn: a code named by ExitWithdraw_{code} in the resources.</summary>
    public string? WithdrawReason { get; private set; }
    public int? CaseId { get; private set; }

    public bool IsActive => Status is ExitFlagStatus.Open or ExitFlagStatus.CaseOpened;

    /// <summary>The data changed but still meets the rule: the evidence follows.</summary>
    public bool UpdateEvidence(string evidence, string refs)
    {
        evidence = Cut(evidence);
        refs = Cut(refs);
        if (evidence == Evidence && refs == EvidenceRefs) return false;
        Evidence = evidence;
        EvidenceRefs = refs;
        return true;
    }

    public void Withdraw(string reason, DateTime atUtc)
    {
        if (!IsActive) throw new DomainException("Exit_FlagNotActive");
        Status = ExitFlagStatus.Withdrawn;
        WithdrawReason = reason;
        WithdrawnUtc = atUtc;
    }

    /// <summary>The cause came back: the withdrawn flag is raised again (open, or case-opened while its case still runs).</summary>
    public void Reinstate(string evidence, string refs, DateTime atUtc, bool caseStillOpen)
    {
        if (Status != ExitFlagStatus.Withdrawn) throw new DomainException("Exit_FlagNotWithdrawn");
        Status = caseStillOpen && CaseId is not null ? ExitFlagStatus.CaseOpened : ExitFlagStatus.Open;
        if (!caseStillOpen) CaseId = null;
        RaisedUtc = atUtc;
        WithdrawnUtc = null;
        WithdrawReason = null;
        UpdateEvidence(evidence, refs);
    }

    public void OpenCase(int caseId)
    {
        if (Status != ExitFlagStatus.Open) throw new DomainException("Exit_FlagNotOpen");
        Status = ExitFlagStatus.CaseOpened;
        CaseId = caseId;
    }

    /// <summary>Its case ended (closed or dismissed): the flag is closed and stays so.</summary>
    public void Close()
    {
        if (Status == ExitFlagStatus.CaseOpened) Status = ExitFlagStatus.Closed;
    }

    /// <summary>The evidence as stored: at most <see cref="MaxEvidenceLength"/> characters.</summary>
    public static string Cut(string s) => s.Length <= MaxEvidenceLength ? s : s[..(MaxEvidenceLength - 1)] + "…";
}
