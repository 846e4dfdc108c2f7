using DeputyPerformance.Domain.Common;

namespace DeputyPerformance.Domain.Ballots;

/// <summary>What a vote is about; with the subject's id it names the owner that prepares the vote and applies its consequences.</summary>
public enum VoteKind
{
    ConstituentReport,
    DepartmentEvaluation,
    SuggestionReply,
    KeySuggestion,
}

/// <summary>The subject of a vote: a constituent report, a department evaluation, a suggestion reply, a key suggestion.</summary>
public readonly record struct VoteSubject(VoteKind Kind, int Id);

public enum VoteMode
{
    Paper,
    Electronic,
}

/// <summary>Draft (codes may be printed) → Open (voting or counting) → Closed (electronic: no more ballots, counted) → Confirmed (locked).</summary>
public enum VoteStatus
{
    Draft,
    Open,
    Closed,
    Confirmed,
}

/// <summary>What may be done with a vote; <see cref="SatisfactionVote.AllowedActions"/> says which, now.</summary>
public enum VoteAction
{
    EnterBox,
    GenerateCodes,
    SetClosingTime,
    Open,
    Close,
    Confirm,
    Correct,
}

/// <summary>
/// One satisfaction vote on one subject. Paper counts are set when the result is confirmed; electronic counts when
/// the vote closes (the ballots are then counted and destroyed). After confirmation only a correction with a reason
/// changes them (and the audit trail keeps both). A void result stays in the subject's history as void.
/// </summary>
public class SatisfactionVote
{
    private SatisfactionVote() { }

    public SatisfactionVote(VoteSubject subject, int year, string title, VoteMode mode, int? townId, int? electorate, bool isCommitteeVote,
        string createdBy, DateTime? closesAtUtc)
    {
        Kind = subject.Kind;
        SubjectId = subject.Id;
        Year = year;
        Title = title;
        Mode = mode;
        TownId = townId;
        Electorate = electorate;
        IsCommitteeVote = isCommitteeVote;
        CreatedBy = createdBy;
        ClosesAtUtc = closesAtUtc;
        Status = mode == VoteMode.Paper ? VoteStatus.Open : VoteStatus.Draft;
    }

    public int Id { get; private set; }
    public VoteKind Kind { get; private set; }
    public int SubjectId { get; private set; }
    public VoteSubject Subject => new(Kind, SubjectId);
    public int Year { get; private set; }
    public string Title { get; private set; } = "";
    public VoteMode Mode { get; private set; }
    public VoteStatus Status { get; private set; }
    /// <summary>The town whose clerks may run the vote (the deputy's town for a report); null for county votes.</summary>
    public int? TownId { get; private set; }
    /// <summary>How many may vote (a session's attendance, the committee's members): no more codes than this are issued.</summary>
    public int? Electorate { get; private set; }
    /// <summary>A vote of the standing committee: members and those present are recorded at confirmation (quorum, denominator).</summary>
    public bool IsCommitteeVote { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public string? OpenedBy { get; private set; }
    public int CodesIssued { get; private set; }
    public DateTime? ClosesAtUtc { get; private set; }
    public int? Issued { get; private set; }
    public int? Returned { get; private set; }
    public int? Invalid { get; private set; }
    public int? Satisfied { get; private set; }
    public int? BasicallySatisfied { get; private set; }
    public int? Dissatisfied { get; private set; }
    public int? Members { get; private set; }
    public int? Present { get; private set; }
    /// <summary>Set at confirmation and correction: the tally declared the vote void (held again).</summary>
    public bool IsVoid { get; private set; }
    /// <summary>The tally's verdict code at confirmation (e.g. competent, basically-satisfied, void).</summary>
    public string? Verdict { get; private set; }
    public string? ConfirmedBy { get; private set; }
    public DateTime? ConfirmedAtUtc { get; private set; }

    public TallyCounts? Counts => Issued is null
        ? null
        : TallyCounts.From(Issued.Value, Returned!.Value, Invalid!.Value, Satisfied!.Value, BasicallySatisfied!.Value, Dissatisfied!.Value);

    /// <summary>Voting may go on: open, and before the closing time if one is set.</summary>
    public bool AcceptsBallots(DateTime nowUtc) => Mode == VoteMode.Electronic && Status == VoteStatus.Open && (ClosesAtUtc is null || nowUtc < ClosesAtUtc);

    /// <summary>An electronic vote whose closing time has passed must be closed (counted) before anything else.</summary>
    public bool IsDueToClose(DateTime nowUtc) => Mode == VoteMode.Electronic && Status == VoteStatus.Open && ClosesAtUtc is { } at && nowUtc >= at;

    /// <summary>The actions the vote's state allows now (the caller's rights are checked by the service on top).</summary>
    public IReadOnlySet<VoteAction> AllowedActions(DateTime nowUtc)
    {
        var status = IsDueToClose(nowUtc) ? VoteStatus.Closed : Status;
        return (Mode, status) switch
        {
            (VoteMode.Paper, VoteStatus.Open) => new HashSet<VoteAction> { VoteAction.EnterBox, VoteAction.Confirm },
            (VoteMode.Electronic, VoteStatus.Draft) => new HashSet<VoteAction> { VoteAction.GenerateCodes, VoteAction.SetClosingTime, VoteAction.Open },
            (VoteMode.Electronic, VoteStatus.Open) => new HashSet<VoteAction> { VoteAction.SetClosingTime, VoteAction.Close },
            (VoteMode.Electronic, VoteStatus.Closed) => new HashSet<VoteAction> { VoteAction.Confirm },
            (_, VoteStatus.Confirmed) => new HashSet<VoteAction> { VoteAction.Correct },
            _ => new HashSet<VoteAction>(),
        };
    }

    private void Require(VoteAction action, DateTime nowUtc)
    {
        if (!AllowedActions(nowUtc).Contains(action)) throw new DomainException("Vote_IllegalTransition");
    }

    /// <summary>Codes are issued only before the vote opens, and never more than the electorate.</summary>
    public void IssueCodes(int count, DateTime nowUtc)
    {
        Require(VoteAction.GenerateCodes, nowUtc);
        if (Electorate is { } max && CodesIssued + count > max) throw new DomainException("Vote_CodesOverElectorate", CodesIssued + count, max);
        CodesIssued += count;
    }

    public void Open(string by, DateTime nowUtc)
    {
        Require(VoteAction.Open, nowUtc);
        if (CodesIssued == 0) throw new DomainException("Vote_NoCodes");
        OpenedBy = by;
        Status = VoteStatus.Open;
    }

    /// <summary>Sets or clears the time voting ends by itself; only before the vote closes.</summary>
    public void SetClosingTime(DateTime? closesAtUtc, DateTime nowUtc)
    {
        Require(VoteAction.SetClosingTime, nowUtc);
        if (closesAtUtc is { } at && at <= nowUtc) throw new DomainException("Vote_ClosingInPast");
        ClosesAtUtc = closesAtUtc;
    }

    /// <summary>Ends electronic voting (by the clerk or by the closing time) and records the count of the cast ballots.</summary>
    public void Close(TallyCounts counted, DateTime nowUtc)
    {
        if (!IsDueToClose(nowUtc)) Require(VoteAction.Close, nowUtc);
        SetCounts(counted);
        Status = VoteStatus.Closed;
    }

    /// <summary>
    /// Locks the result. Paper votes are confirmed while counting, electronic ones after closing and by another person
    /// than the one who opened the vote: one clerk alone cannot decide an electronic vote.
    /// </summary>
    public void Confirm(VoteOutcome outcome, string by, DateTime atUtc)
    {
        Require(VoteAction.Confirm, atUtc);
        if (Mode == VoteMode.Electronic && string.Equals(by, OpenedBy, StringComparison.OrdinalIgnoreCase)) throw new DomainException("Vote_ConfirmBySecondPerson");
        Record(outcome);
        ConfirmedBy = by;
        ConfirmedAtUtc = atUtc;
        Status = VoteStatus.Confirmed;
    }

    public void Correct(VoteOutcome outcome, DateTime nowUtc)
    {
        Require(VoteAction.Correct, nowUtc);
        Record(outcome);
    }

    private void Record(VoteOutcome outcome)
    {
        SetCounts(outcome.Counts);
        (Members, Present, IsVoid, Verdict) = (outcome.Members, outcome.Present, outcome.IsVoid, outcome.Verdict);
    }

    private void SetCounts(TallyCounts c)
    {
        (Issued, Returned, Invalid, Satisfied, BasicallySatisfied, Dissatisfied) = (c.Issued, c.Returned, c.Invalid, c.Satisfied, c.BasicallySatisfied, c.Dissatisfied);
    }
}

/// <summary>Who generated how many codes for a vote, and when: the audit trail keeps every generation.</summary>
public class VoteCodeBatch
{
    private VoteCodeBatch() { }

    public VoteCodeBatch(int voteId, int count, string by, DateTime atUtc)
    {
        VoteId = voteId;
        Count = count;
        By = by;
        AtUtc = atUtc;
    }

    public int Id { get; private set; }
    public int VoteId { get; private set; }
    public int Count { get; private set; }
    public string By { get; private set; } = "";
    public DateTime AtUtc { get; private set; }
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

/// <summary>
/// A single-use voting code, stored only as a keyed hash (the key lives outside the database) and whether it was
/// used; no row id, no time, no ballot. Deleted when the vote closes.
/// </summary>
public class VoteToken
{
    private VoteToken() { }

    public VoteToken(int voteId, string codeHash)
    {
        VoteId = voteId;
        CodeHash = codeHash;
    }

    public string CodeHash { get; private set; } = "";
    public int VoteId { get; private set; }
    public bool Used { get; private set; }
}

/// <summary>
/// An electronic ballot while the vote is open: a random key, the vote and the option sealed with the vote's key
/// (AES-GCM, the key derived from a secret outside the database). Counted and destroyed when the vote closes.
/// </summary>
public class ElectronicBallot
{
    private ElectronicBallot() { }

    public ElectronicBallot(int voteId, byte[] sealedOption)
    {
        Id = Guid.NewGuid();
        VoteId = voteId;
        Sealed = sealedOption;
    }

    public Guid Id { get; private set; }
    public int VoteId { get; private set; }
    public byte[] Sealed { get; private set; } = [];
}
