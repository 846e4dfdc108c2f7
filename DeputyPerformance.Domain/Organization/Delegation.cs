namespace DeputyPerformance.Domain.Organization;

/// <summary>代表团/代表小组: the group a deputy sits with at the congress.</summary>
public class Delegation
{
    private Delegation() { }

    public Delegation(string name) => Name = name;

    public int Id { get; private set; }
    public string Name { get; private set; } = "";

    public void Rename(string name) => Name = name;
}
