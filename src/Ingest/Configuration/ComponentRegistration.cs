namespace FunAsr.Ingest.Configuration;

/// <summary>One catalog entry: the configuration <c>type</c> id, its options class and its factory.</summary>
internal sealed record ComponentRegistration<TOptions, TContext, TComponent>(
    string Id, Type OptionsType, Func<TOptions, TContext, TComponent> Create)
    where TOptions : class
{
    public static ComponentRegistration<TOptions, TContext, TComponent> For<TConcrete>(
        string id, Func<TConcrete, TContext, TComponent> create)
        where TConcrete : TOptions =>
        new(id, typeof(TConcrete), (options, context) => create((TConcrete)options, context));
}
