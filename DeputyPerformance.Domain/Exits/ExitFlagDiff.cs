namespace DeputyPerformance.Domain.Exits;

/// <summary>A stored flag as the reconciliation compares it, read without tracking (only the columns it needs).</summary>
public sealed record StoredExitFlag(int Id, int DeputyId, string Rule, int Year, ExitFlagStatus Status, string Evidence, string EvidenceRefs, int? CaseId)
{
    public bool IsActive => Status is ExitFlagStatus.Open or ExitFlagStatus.CaseOpened;
}

public enum ExitFlagChangeKind
{
    /// <summary>No row yet for the deputy, rule and year: a new flag.</summary>
    Raise,
    /// <summary>The withdrawn row's cause came back: raised again in place.</summary>
    Reinstate,
    /// <summary>The row still meets the rule, its evidence changed.</summary>
    Update,
    /// <summary>An active row whose cause disappeared: withdrawn with the reason.</summary>
    Withdraw,
}

/// <summary>One write a reconciliation makes: a new flag (<see cref="FlagId"/> null) or a change to a stored one.</summary>
public sealed record ExitFlagChange(ExitFlagChangeKind Kind, int DeputyId, int? FlagId, ExpectedFlag? Expected);

/// <summary>
/// What a deputy's stored flags need so that they equal what the rules expect (decision 0100), a pure function: the
/// expected flags and the stored rows in, only the writes out, nothing for a deputy whose flags are up to date. The
/// meaning is the one of decision 0045: an expected flag without a row is raised; a withdrawn row is raised again; any
/// other row (open, case-opened, closed) takes the new evidence when it differs; an active row the rules no longer
/// expect is withdrawn, never deleted.
/// </summary>
public static class ExitFlagDiff
{
    public static void Of(int deputyId, IReadOnlyList<ExpectedFlag> expected, IReadOnlyList<StoredExitFlag> stored, List<ExitFlagChange> changes)
    {
        foreach (var e in expected)
        {
            StoredExitFlag? same = null;
            foreach (var s in stored)
            {
                if (s.Rule != e.Rule || s.Year != e.Year) continue;
                if (same is null || (s.IsActive, s.Id).CompareTo((same.IsActive, same.Id)) > 0) same = s;
            }

            if (same is null) changes.Add(new ExitFlagChange(ExitFlagChangeKind.Raise, deputyId, null, e));
            else if (same.Status == ExitFlagStatus.Withdrawn) changes.Add(new ExitFlagChange(ExitFlagChangeKind.Reinstate, deputyId, same.Id, e));
            else if (ExitFlag.Cut(e.Evidence) != same.Evidence || ExitFlag.Cut(e.Refs) != same.EvidenceRefs)
            {
                changes.Add(new ExitFlagChange(ExitFlagChangeKind.Update, deputyId, same.Id, e));
            }
        }

        foreach (var s in stored)
        {
            if (!s.IsActive) continue;
            var stillExpected = false;
            foreach (var e in expected) stillExpected |= e.Rule == s.Rule && e.Year == s.Year;
            if (!stillExpected) changes.Add(new ExitFlagChange(ExitFlagChangeKind.Withdraw, deputyId, s.Id, null));
        }
    }
}
