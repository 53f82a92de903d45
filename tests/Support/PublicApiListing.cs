using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace FunAsr.Tests.Support;

/// <summary>
/// The public surface of an assembly as sorted text, one line per type and per public or protected member, so that a
/// change to the surface shows up as a diff against the committed listing (Serilog's approval test, Polly's
/// PublicAPI.Shipped.txt). <c>UPDATE_PUBLIC_API=1</c> rewrites the committed file instead of failing.
/// </summary>
internal static class PublicApiListing
{
    public const string UpdateVariable = "UPDATE_PUBLIC_API";

    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>Compares the listing of <paramref name="assembly"/> with <paramref name="committedPath"/>; on a
    /// difference, fails with the lines removed (-) and added (+) and how to accept them.</summary>
    public static void Verify(Assembly assembly, string committedPath, string testFilter)
    {
        var actual = Of(assembly);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(committedPath, actual);
            return;
        }

        var expected = File.Exists(committedPath) ? File.ReadAllText(committedPath) : "";
        if (expected == actual)
        {
            return;
        }

        var before = expected.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var after = actual.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var diff = new StringBuilder();
        diff.AppendLine($"The public API of {assembly.GetName().Name} differs from {committedPath}:");
        foreach (var line in before.Except(after).Order(StringComparer.Ordinal))
        {
            diff.AppendLine("- " + line);
        }

        foreach (var line in after.Except(before).Order(StringComparer.Ordinal))
        {
            diff.AppendLine("+ " + line);
        }

        diff.AppendLine($"If the change is deliberate, rewrite the file with {UpdateVariable}=1 dotnet test --filter {testFilter} and commit it.");
        Assert.Fail(diff.ToString());
    }

    /// <summary>The sorted listing, one line each, ending in a newline.</summary>
    public static string Of(Assembly assembly)
    {
        var lines = new List<string>();
        foreach (var type in assembly.GetExportedTypes())
        {
            var name = Name(type);
            lines.Add($"{name}: {Kind(type)}{Bases(type)}");
            lines.AddRange(Members(type).Select(member => $"{name}.{member}"));
        }

        return string.Join("\n", lines.Order(StringComparer.Ordinal)) + "\n";
    }

    private static IEnumerable<string> Members(Type type)
    {
        foreach (var member in type.GetMembers(Declared).Where(IsVisible))
        {
            switch (member)
            {
                case ConstructorInfo ctor:
                    yield return $"{(ctor.IsStatic ? "static " : "")}ctor({Parameters(ctor)})";
                    break;
                case MethodInfo method when !method.IsSpecialName || method.Name.StartsWith("op_", StringComparison.Ordinal):
                    yield return $"{Modifiers(method)}{method.Name}{Generic(method)}({Parameters(method)}) : {Name(method.ReturnType)}";
                    break;
                case PropertyInfo property:
                    yield return $"{property.Name}{Indexer(property)} : {Name(property.PropertyType)} {{ {Accessors(property)}}}";
                    break;
                case FieldInfo field when !type.IsEnum || field.IsStatic:
                    yield return field.IsLiteral
                        ? $"const {field.Name} : {Name(field.FieldType)} = {Literal(field.GetRawConstantValue())}"
                        : $"{(field.IsStatic ? "static " : "")}{(field.IsInitOnly ? "readonly " : "")}field {field.Name} : {Name(field.FieldType)}";
                    break;
                case EventInfo evt:
                    yield return $"event {evt.Name} : {Name(evt.EventHandlerType!)}";
                    break;
            }
        }
    }

    private static bool IsVisible(MemberInfo member) => member switch
    {
        MethodBase method => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly,
        FieldInfo field => field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly,
        PropertyInfo property => property.GetAccessors(nonPublic: true).Any(IsVisible),
        EventInfo evt => evt.AddMethod is { } add && IsVisible(add),
        _ => false,
    };

    private static string Kind(Type type) => type switch
    {
        { IsInterface: true } => "interface",
        { IsEnum: true } => "enum",
        { IsValueType: true } => type.GetMethod("<Clone>$") is null && type.GetProperty("EqualityContract", Declared) is null && !IsRecordStruct(type) ? "struct" : "record struct",
        { IsAbstract: true, IsSealed: true } => "static class",
        _ when type.GetMethod("<Clone>$") is not null => $"{(type.IsSealed ? "sealed " : "")}record",
        { IsAbstract: true } => "abstract class",
        { IsSealed: true } => "sealed class",
        _ when typeof(Delegate).IsAssignableFrom(type) => "delegate",
        _ => "class",
    };

    private static bool IsRecordStruct(Type type) =>
        type.GetMethod("PrintMembers", Declared) is not null && type.GetMethods(Declared).Any(m => m.Name == "ToString" && m.IsDefined(typeof(CompilerGeneratedAttribute)));

    private static string Bases(Type type)
    {
        var bases = new List<string>();
        if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(ValueType) && baseType != typeof(Enum))
        {
            bases.Add(Name(baseType));
        }

        bases.AddRange(type.GetInterfaces().Where(i => i.IsPublic || i.IsNestedPublic).Select(Name).Order(StringComparer.Ordinal));
        return bases.Count == 0 ? "" : " : " + string.Join(", ", bases);
    }

    private static string Modifiers(MethodInfo method) =>
        (method.IsFamily || method.IsFamilyOrAssembly ? "protected " : "") + (method.IsStatic ? "static " : method.IsAbstract ? "abstract " : method.IsVirtual && !method.IsFinal ? "virtual " : "");

    private static string Generic(MethodInfo method) =>
        method.IsGenericMethodDefinition ? $"<{string.Join(", ", method.GetGenericArguments().Select(a => a.Name))}>" : "";

    private static string Indexer(PropertyInfo property) =>
        property.GetIndexParameters() is { Length: > 0 } index ? $"[{string.Join(", ", index.Select(p => Name(p.ParameterType)))}]" : "";

    private static string Accessors(PropertyInfo property)
    {
        var text = new StringBuilder();
        if (property.GetMethod is { } get && IsVisible(get))
        {
            text.Append("get; ");
        }

        if (property.SetMethod is { } set && IsVisible(set))
        {
            text.Append(set.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)) ? "init; " : "set; ");
        }

        return text.ToString();
    }

    private static string Parameters(MethodBase method) => string.Join(", ", method.GetParameters().Select(p =>
        $"{(p.IsOut ? "out " : p.ParameterType.IsByRef ? "ref " : "")}{Name(p.ParameterType)} {p.Name}{(p.HasDefaultValue ? " = " + Literal(p.DefaultValue) : "")}"));

    private static string Literal(object? value) => value switch
    {
        null => "null",
        string text => $"\"{text}\"",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
    };

    private static string Name(Type type)
    {
        if (type.IsByRef)
        {
            return Name(type.GetElementType()!);
        }

        if (type.IsArray)
        {
            return Name(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        }

        if (type.IsGenericParameter)
        {
            return type.Name;
        }

        var name = type.IsNested ? Name(type.DeclaringType!) + "." + type.Name : $"{type.Namespace}.{type.Name}";
        if (!type.IsGenericType)
        {
            return name;
        }

        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return $"{(tick < 0 ? name : name[..tick])}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>";
    }
}
