namespace DeputyPerformance.Domain.Committee;

public enum CommitteePosition
{
    Chairman,
    ViceChairman,
    SecretaryGeneral,
    Member,
}

/// <summary>常委会组成人员: a member of the standing committee in one term; counts for quorums and majorities.</summary>
public class CommitteeMember
{
    private CommitteeMember() { }

    public CommitteeMember(int termId, string name, CommitteePosition position)
    {
        TermId = termId;
        Name = name;
        Position = position;
        IsActive = true;
    }

    public int Id { get; private set; }
    public int TermId { get; private set; }
    public DeputyPerformance.Domain.Organization.Term? Term { get; private set; }
    public string Name { get; private set; } = "";
    public CommitteePosition Position { get; private set; }
    public bool IsActive { get; private set; }
    /// <summary>The member's sign-in account (a committee member account's user name), so a vice-chairman sees the key suggestions he supervises.</summary>
    public string? UserName { get; private set; }

    public const int MaxUserNameLength = 256;

    public void LinkAccount(string? userName) => UserName = string.IsNullOrWhiteSpace(userName) ? null : userName.Trim();

    public void Update(int termId, string name, CommitteePosition position, bool isActive)
    {
        TermId = termId;
        Name = name;
        Position = position;
        IsActive = isActive;
    }
}
