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

    public void Update(string name, int townId)
    {
        Name = name;
        TownId = townId;
    }
}
