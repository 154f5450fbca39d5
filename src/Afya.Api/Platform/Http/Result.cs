namespace Afya.Api.Platform.Http;

// What a service answers an endpoint: a value, or the problem (built by ApiProblem) the endpoint returns as
// it is. Both convert implicitly, so a service writes `return user;` or `return ApiProblem.NotFound(...)`.
public readonly struct Result<T>
{
    private readonly T? _value;

    private Result(T? value, ProblemHttpResult? problem)
    {
        _value = value;
        Problem = problem;
    }

    public ProblemHttpResult? Problem { get; }

    public bool Succeeded => Problem is null;

    public T Value => Problem is null ? _value! : throw new InvalidOperationException("A failed result has no value: " + Problem.ProblemDetails.Title);

    public static implicit operator Result<T>(T value) => new(value, null);

    // For values of an interface type (an IQueryable), which C# cannot convert implicitly.
#pragma warning disable CA1000 // Result<IQueryable<Order>>.Success(q): the type says what succeeds
    public static Result<T> Success(T value) => new(value, null);
#pragma warning restore CA1000

    public static implicit operator Result<T>(ProblemHttpResult problem) => new(default, problem);

    // if (!result.TryGet(out var value, out var problem)) return problem;
    public bool TryGet(out T value, out ProblemHttpResult problem)
    {
        value = _value!;
        problem = Problem!;
        return Problem is null;
    }

    // The common endpoint ending: the value as one success result, or the problem.
    public Results<TOk, ProblemHttpResult> Then<TOk>(Func<T, TOk> ok) where TOk : IResult =>
        Problem is null ? ok(_value!) : Problem;

    // Chains a further step on success; a problem passes through untouched.
    public Result<TNext> Map<TNext>(Func<T, TNext> next) => Problem is null ? next(_value!) : Problem;
}
