namespace FunAsr.Ingest;

/// <summary>One catalog entry: the configuration <c>type</c> id, its options class and its factory.</summary>
internal sealed record ComponentRegistration<TOptions, TComponent>(
    string Id, Type OptionsType, Func<TOptions, ComponentContext, TComponent> Create)
    where TOptions : class
{
    public static ComponentRegistration<TOptions, TComponent> For<TConcrete>(
        string id, Func<TConcrete, ComponentContext, TComponent> create)
        where TConcrete : TOptions =>
        new(id, typeof(TConcrete), (options, context) => create((TConcrete)options, context));
}
