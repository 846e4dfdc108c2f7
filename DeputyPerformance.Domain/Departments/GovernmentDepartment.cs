namespace DeputyPerformance.Domain.Departments;

/// <summary>组成部门: a government department the committee evaluates; some are vertically managed.</summary>
public class GovernmentDepartment
{
    private GovernmentDepartment() { }

    public GovernmentDepartment(string name, bool isVerticallyManaged)
    {
        Name = name;
        IsVerticallyManaged = isVerticallyManaged;
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public bool IsVerticallyManaged { get; private set; }

    public void Update(string name, bool isVerticallyManaged)
    {
        Name = name;
        IsVerticallyManaged = isVerticallyManaged;
    }
}
