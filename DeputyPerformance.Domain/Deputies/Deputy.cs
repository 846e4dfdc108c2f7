using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Organization;

namespace DeputyPerformance.Domain.Deputies;

public enum DeputyLevel
{
    County,
    Town,
}

public enum DeputyStatus
{
    Active,
    Suspended,
    Terminated,
}

public enum Gender
{
    Unspecified,
    Male,
    Female,
}

/// <summary>人大代表: a county or town deputy of one term, numbered uniquely within the term.</summary>
public class Deputy
{
    private Deputy() { }

    public Deputy(int termId, string deputyNumber, string name, DeputyLevel level, int townId)
    {
        TermId = termId;
        DeputyNumber = deputyNumber;
        Name = name;
        Level = level;
        TownId = townId;
        Status = DeputyStatus.Active;
    }

    public int Id { get; private set; }
    public int TermId { get; private set; }
    public Term? Term { get; private set; }
    public string DeputyNumber { get; private set; } = "";
    public string Name { get; private set; } = "";
    public Gender Gender { get; private set; }
    public DeputyLevel Level { get; private set; }
    public int TownId { get; private set; }
    public Town? Town { get; private set; }
    public int? ElectoralDistrictId { get; private set; }
    public ElectoralDistrict? ElectoralDistrict { get; private set; }
    public int? DelegationId { get; private set; }
    public Delegation? Delegation { get; private set; }
    public int? LiaisonStationId { get; private set; }
    public LiaisonStation? LiaisonStation { get; private set; }
    public string? Phone { get; private set; }
    public DeputyStatus Status { get; private set; }
    /// <summary>The day the current status began (suspension or termination date).</summary>
    public DateOnly? StatusSince { get; private set; }
    public bool IsStateOrganLeader { get; private set; }
    /// <summary>The day the mandate ended (termination, recall, accepted resignation); null while it runs.</summary>
    public DateOnly? MandateEndedOn { get; private set; }
    /// <summary>Why it ended: the outcome of the exit case (Terminated, Recalled, Resigned).</summary>
    public string? MandateEndReason { get; private set; }

    public void Update(string deputyNumber, string name, Gender gender, DeputyLevel level, int townId,
        int? electoralDistrictId, int? delegationId, int? liaisonStationId, string? phone, bool isStateOrganLeader)
    {
        DeputyNumber = deputyNumber;
        Name = name;
        Gender = gender;
        Level = level;
        TownId = townId;
        ElectoralDistrictId = electoralDistrictId;
        DelegationId = delegationId;
        LiaisonStationId = liaisonStationId;
        Phone = phone;
        IsStateOrganLeader = isStateOrganLeader;
    }

    /// <summary>Status changes follow the law: a terminated mandate never comes back.</summary>
    public void ChangeStatus(DeputyStatus status, DateOnly? since)
    {
        if (status == Status)
        {
            return;
        }

        if (Status == DeputyStatus.Terminated)
        {
            throw new DomainException("Deputy_TerminatedIsFinal");
        }

        if (status != DeputyStatus.Active && since is null)
        {
            throw new DomainException("Deputy_StatusDateRequired");
        }

        Status = status;
        StatusSince = status == DeputyStatus.Active ? null : since;
    }

    /// <summary>An exit case ended the mandate: status terminated, end date and reason; it never comes back.</summary>
    public void EndMandate(DateOnly on, string reason)
    {
        if (Status == DeputyStatus.Terminated) throw new DomainException("Deputy_TerminatedIsFinal");
        Status = DeputyStatus.Terminated;
        StatusSince = on;
        MandateEndedOn = on;
        MandateEndReason = reason;
    }

    /// <summary>An exit case suspended the mandate (代表法 art. 48).</summary>
    public void Suspend(DateOnly since)
    {
        if (Status != DeputyStatus.Active) throw new DomainException("Deputy_NotActive");
        Status = DeputyStatus.Suspended;
        StatusSince = since;
    }

    /// <summary>The suspension ended: the mandate runs again.</summary>
    public void Restore()
    {
        if (Status != DeputyStatus.Suspended) throw new DomainException("Deputy_NotSuspended");
        Status = DeputyStatus.Active;
        StatusSince = null;
    }
}
