namespace DeputyPerformance.Domain.Organization;

/// <summary>选区: the voters a deputy reports to; it lies in one town.</summary>
public class ElectoralDistrict
{
    private ElectoralDistrict() { }

    public ElectoralDistrict(string name, int townId)
    {
        Name = name;
        TownId = townId;
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public int TownId { get; private set; }
    public Town? Town { get; private set; }
    /// <summary>The district's registered voters: a recall passes with more than half of them (null: not recorded yet).</summary>
    public int? RegisteredVoters { get; private set; }

    public void SetRegisteredVoters(int? voters)
    {
        if (voters is < 1) throw new Common.DomainException("District_VotersInvalid");
        RegisteredVoters = voters;
    }

    public void Update(string name, int townId)
    {
        Name = name;
        TownId = townId;
    }
}
