using DeputyPerformance.Domain.Common;

namespace DeputyPerformance.Domain.Departments;

/// <summary>What kind of office a department is: a constituent department of the county government, a vertically managed one, or another.</summary>
public enum DepartmentKind
{
    /// <summary>组成部门</summary>
    Constituent,
    /// <summary>垂直管理部门</summary>
    VerticallyManaged,
    /// <summary>其他 (e.g. a directly subordinate institution)</summary>
    Other,
}

/// <summary>A government department the committee evaluates (工作评议), with its head and the period it exists.</summary>
public class GovernmentDepartment
{
    public const int MaxNameLength = 80;
    public const int MaxHeadLength = 50;

    private GovernmentDepartment() { }

    public GovernmentDepartment(string name, DepartmentKind kind, string? head = null, DateOnly? activeFrom = null, DateOnly? activeTo = null)
    {
        Update(name, kind, head, activeFrom, activeTo);
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public DepartmentKind Kind { get; private set; }
    /// <summary>The department's head (局长/主任), as the committee addresses its feedback.</summary>
    public string? Head { get; private set; }
    /// <summary>First day the department exists (null: always); a reorganised department ends and a new one starts.</summary>
    public DateOnly? ActiveFrom { get; private set; }
    public DateOnly? ActiveTo { get; private set; }

    public void Update(string name, DepartmentKind kind, string? head, DateOnly? activeFrom, DateOnly? activeTo)
    {
        if (activeFrom is not null && activeTo is not null && activeTo < activeFrom)
        {
            throw new DomainException("Department_ActiveOrder");
        }

        Name = name;
        Kind = kind;
        Head = string.IsNullOrWhiteSpace(head) ? null : head.Trim();
        ActiveFrom = activeFrom;
        ActiveTo = activeTo;
    }

    /// <summary>Exists on some day of the year: the years its evaluation can be planned for.</summary>
    public bool IsActiveIn(int year) =>
        (ActiveFrom is null || ActiveFrom.Value.Year <= year) && (ActiveTo is null || ActiveTo.Value.Year >= year);
}
