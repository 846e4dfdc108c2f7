using DeputyPerformance.Domain.Common;

namespace DeputyPerformance.Domain.Ballots;

public enum VoteKind
{
    ConstituentReport,
    DepartmentEvaluation,
    SuggestionReply,
}

public enum VoteMode
{
    Paper,
    Electronic,
}

/// <summary>Draft (tokens may be printed) → Open (voting or counting) → Closed (electronic: no more ballots) → Confirmed (locked).</summary>
public enum VoteStatus
{
    Draft,
    Open,
    Closed,
    Confirmed,
}

/// <summary>
/// One satisfaction vote. Its counts are set once, when the result is confirmed; after that only a correction
/// with a reason changes them (and the audit trail keeps both).
/// </summary>
public class SatisfactionVote
{
    private SatisfactionVote() { }

    public SatisfactionVote(VoteKind kind, int year, string title, VoteMode mode, int? townId, int? reportId, DateTime? closesAtUtc)
    {
        Kind = kind;
        Year = year;
        Title = title;
        Mode = mode;
        TownId = townId;
        ConstituentReportId = reportId;
        ClosesAtUtc = closesAtUtc;
        Status = mode == VoteMode.Paper ? VoteStatus.Open : VoteStatus.Draft;
    }

    public int Id { get; private set; }
    public VoteKind Kind { get; private set; }
    public int Year { get; private set; }
    public string Title { get; private set; } = "";
    public VoteMode Mode { get; private set; }
    public VoteStatus Status { get; private set; }
    /// <summary>The town whose clerks may run the vote (the deputy's town for a report); null for county votes.</summary>
    public int? TownId { get; private set; }
    public int? ConstituentReportId { get; private set; }
    public DateTime? ClosesAtUtc { get; private set; }
    public int? Issued { get; private set; }
    public int? Returned { get; private set; }
    public int? Invalid { get; private set; }
    public int? Satisfied { get; private set; }
    public int? BasicallySatisfied { get; private set; }
    public int? Dissatisfied { get; private set; }
    public string? ConfirmedBy { get; private set; }
    public DateTime? ConfirmedAtUtc { get; private set; }

    public TallyCounts? Counts => Issued is null
        ? null
        : TallyCounts.From(Issued.Value, Returned!.Value, Invalid!.Value, Satisfied!.Value, BasicallySatisfied!.Value, Dissatisfied!.Value);

    /// <summary>Voting may go on: open, and before the closing time if one is set.</summary>
    public bool AcceptsBallots(DateTime nowUtc) => Mode == VoteMode.Electronic && Status == VoteStatus.Open && (ClosesAtUtc is null || nowUtc < ClosesAtUtc);

    public void Open()
    {
        if (Mode != VoteMode.Electronic || Status != VoteStatus.Draft) throw new DomainException("Vote_IllegalTransition");
        Status = VoteStatus.Open;
    }

    /// <summary>Sets or clears the time voting ends by itself; only before the vote closes.</summary>
    public void SetClosingTime(DateTime? closesAtUtc, DateTime nowUtc)
    {
        if (Mode != VoteMode.Electronic || Status is not (VoteStatus.Draft or VoteStatus.Open)) throw new DomainException("Vote_IllegalTransition");
        if (closesAtUtc is { } at && at <= nowUtc) throw new DomainException("Vote_ClosingInPast");
        ClosesAtUtc = closesAtUtc;
    }

    /// <summary>An open vote whose closing time has passed is closed by that time, whoever looks next.</summary>
    public void CloseIfDue(DateTime nowUtc)
    {
        if (Mode == VoteMode.Electronic && Status == VoteStatus.Open && ClosesAtUtc is { } at && nowUtc >= at)
        {
            Status = VoteStatus.Closed;
        }
    }

    public void Close()
    {
        if (Mode != VoteMode.Electronic || Status != VoteStatus.Open) throw new DomainException("Vote_IllegalTransition");
        Status = VoteStatus.Closed;
    }

    /// <summary>Locks the result. Paper votes are confirmed while counting; electronic ones after closing.</summary>
    public void Confirm(TallyCounts counts, string by, DateTime atUtc)
    {
        var ready = Mode == VoteMode.Paper ? Status == VoteStatus.Open : Status == VoteStatus.Closed;
        if (!ready) throw new DomainException("Vote_IllegalTransition");
        SetCounts(counts);
        ConfirmedBy = by;
        ConfirmedAtUtc = atUtc;
        Status = VoteStatus.Confirmed;
    }

    public void Correct(TallyCounts counts)
    {
        if (Status != VoteStatus.Confirmed) throw new DomainException("Vote_IllegalTransition");
        SetCounts(counts);
    }

    private void SetCounts(TallyCounts c)
    {
        (Issued, Returned, Invalid, Satisfied, BasicallySatisfied, Dissatisfied) = (c.Issued, c.Returned, c.Invalid, c.Satisfied, c.BasicallySatisfied, c.Dissatisfied);
    }
}

/// <summary>The counts of one ballot box as one clerk entered them; round 2 is the independent second entry.</summary>
public class BallotBoxEntry
{
    private BallotBoxEntry() { }

    public BallotBoxEntry(int voteId, string box, int round, string enteredBy, TallyCounts c, DateTime atUtc)
    {
        VoteId = voteId;
        Box = box;
        Round = round;
        EnteredBy = enteredBy;
        EnteredAtUtc = atUtc;
        Replace(c);
    }

    public long Id { get; private set; }
    public int VoteId { get; private set; }
    public string Box { get; private set; } = "";
    public int Round { get; private set; }
    public string EnteredBy { get; private set; } = "";
    public DateTime EnteredAtUtc { get; private set; }
    public int Issued { get; private set; }
    public int Returned { get; private set; }
    public int Invalid { get; private set; }
    public int Satisfied { get; private set; }
    public int BasicallySatisfied { get; private set; }
    public int Dissatisfied { get; private set; }

    public TallyCounts Counts => TallyCounts.From(Issued, Returned, Invalid, Satisfied, BasicallySatisfied, Dissatisfied);

    public void Replace(TallyCounts c) =>
        (Issued, Returned, Invalid, Satisfied, BasicallySatisfied, Dissatisfied) = (c.Issued, c.Returned, c.Invalid, c.Satisfied, c.BasicallySatisfied, c.Dissatisfied);
}

/// <summary>A change of a confirmed result: who, when, why, and the counts before and after.</summary>
public class VoteCorrection
{
    private VoteCorrection() { }

    public VoteCorrection(int voteId, string reason, string by, DateTime atUtc, string before, string after)
    {
        VoteId = voteId;
        Reason = reason;
        By = by;
        AtUtc = atUtc;
        Before = before;
        After = after;
    }

    public long Id { get; private set; }
    public int VoteId { get; private set; }
    public string Reason { get; private set; } = "";
    public string By { get; private set; } = "";
    public DateTime AtUtc { get; private set; }
    public string Before { get; private set; } = "";
    public string After { get; private set; } = "";
}

/// <summary>A single-use voting token: only the hash of its code and whether it was used; no time, no ballot.</summary>
public class VoteToken
{
    private VoteToken() { }

    public VoteToken(int voteId, string codeHash)
    {
        VoteId = voteId;
        CodeHash = codeHash;
    }

    public long Id { get; private set; }
    public int VoteId { get; private set; }
    public string CodeHash { get; private set; } = "";
    public bool Used { get; private set; }
}

/// <summary>An electronic ballot: a random key, the vote and the option. Nothing that could point to a voter.</summary>
public class ElectronicBallot
{
    private ElectronicBallot() { }

    public ElectronicBallot(int voteId, SatisfactionOption option)
    {
        Id = Guid.NewGuid();
        VoteId = voteId;
        Option = option;
    }

    public Guid Id { get; private set; }
    public int VoteId { get; private set; }
    public SatisfactionOption Option { get; private set; }
}
