namespace DeputyPerformance.Domain.Organization;

public enum TownKind
{
    Town,
    SubDistrict,
}

/// <summary>镇/街道: the administrative unit a town clerk works for.</summary>
public class Town
{
    private Town() { }

    public Town(string name, TownKind kind)
    {
        Name = name;
        Kind = kind;
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public TownKind Kind { get; private set; }

    public void Update(string name, TownKind kind)
    {
        Name = name;
        Kind = kind;
    }
}
