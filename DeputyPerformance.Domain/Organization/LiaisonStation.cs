namespace DeputyPerformance.Domain.Organization;

public enum StationKind
{
    TownCentre,
    Village,
}

/// <summary>代表联络站: where deputies receive constituents; a town-centre or a village station of one town.</summary>
public class LiaisonStation
{
    private LiaisonStation() { }

    public LiaisonStation(string name, StationKind kind, int townId)
    {
        Name = name;
        Kind = kind;
        TownId = townId;
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public StationKind Kind { get; private set; }
    public int TownId { get; private set; }
    public Town? Town { get; private set; }

    public void Update(string name, StationKind kind, int townId)
    {
        Name = name;
        Kind = kind;
        TownId = townId;
    }
}
