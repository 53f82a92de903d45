using System.Collections.Immutable;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace FunAsr.Tests.Support;

/// <summary>One use of a type by another inside an assembly: <paramref name="Via"/> says where (base type, field, IL…).</summary>
internal sealed record TypeReference(string FromType, string FromNamespace, string ToType, string ToNamespace, string Via);

/// <summary>
/// Reads, from an assembly file's metadata (no code runs), every type each defined type uses: base type and
/// interfaces, field and property types, method signatures and the types and members its IL names. Nested and
/// compiler-generated types (lambdas, async state machines) count as their outermost declaring type.
/// </summary>
internal static class TypeReferenceReader
{
    private static readonly Dictionary<short, OperandType> Operands = typeof(OpCodes).GetFields()
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value, o => o.OperandType);

    public static IReadOnlyList<TypeReference> Read(string assemblyPath)
    {
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        var md = pe.GetMetadataReader();
        var names = new TypeNames(md);
        var found = new List<TypeReference>();
        foreach (var handle in md.TypeDefinitions)
        {
            var type = md.GetTypeDefinition(handle);
            var (from, fromNs) = names.Outermost(handle);
            if (from == "<Module>") continue;
            void Add(IEnumerable<(string Name, string Ns)> targets, string via)
            {
                foreach (var (to, toNs) in targets) found.Add(new TypeReference(from, fromNs, to, toNs, via));
            }

            if (!type.BaseType.IsNil) Add(names.Of(type.BaseType), "base type");
            foreach (var i in type.GetInterfaceImplementations()) Add(names.Of(md.GetInterfaceImplementation(i).Interface), "interface");
            foreach (var f in type.GetFields()) Add(md.GetFieldDefinition(f).DecodeSignature(names, null), $"field {md.GetString(md.GetFieldDefinition(f).Name)}");
            foreach (var p in type.GetProperties())
            {
                var sig = md.GetPropertyDefinition(p).DecodeSignature(names, null);
                Add(sig.ReturnType.Concat(sig.ParameterTypes.SelectMany(t => t)), $"property {md.GetString(md.GetPropertyDefinition(p).Name)}");
            }
            foreach (var m in type.GetMethods())
            {
                var method = md.GetMethodDefinition(m);
                var name = md.GetString(method.Name);
                var sig = method.DecodeSignature(names, null);
                Add(sig.ReturnType.Concat(sig.ParameterTypes.SelectMany(t => t)), $"signature of {name}");
                if (method.RelativeVirtualAddress == 0) continue;
                var body = pe.GetMethodBody(method.RelativeVirtualAddress);
                if (!body.LocalSignature.IsNil)
                    Add(md.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(names, null).SelectMany(t => t), $"locals of {name}");
                Add(ILTokens(body.GetILBytes()!).SelectMany(names.OfToken), $"IL of {name}");
            }
        }
        return found;
    }

    /// <summary>The metadata tokens an IL stream names (calls, fields, types, ldtoken).</summary>
    private static IEnumerable<int> ILTokens(byte[] il)
    {
        var i = 0;
        while (i < il.Length)
        {
            short code = il[i++];
            if (code == 0xFE) code = (short)(0xFE00 | il[i++]);
            switch (Operands[code])
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineType or OperandType.InlineTok:
                    yield return BitConverter.ToInt32(il, i);
                    i += 4;
                    break;
                case OperandType.InlineNone: break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar: i += 1; break;
                case OperandType.InlineVar: i += 2; break;
                case OperandType.InlineI8 or OperandType.InlineR: i += 8; break;
                case OperandType.InlineSwitch: i += 4 + 4 * BitConverter.ToInt32(il, i); break;
                default: i += 4; break;
            }
        }
    }

    /// <summary>Decodes handles and signatures to the (outermost) type names and namespaces they mention.</summary>
    private sealed class TypeNames(MetadataReader md) : ISignatureTypeProvider<ImmutableArray<(string Name, string Ns)>, object?>
    {
        private static readonly ImmutableArray<(string, string)> None = [];

        public (string Name, string Ns) Outermost(TypeDefinitionHandle handle)
        {
            var type = md.GetTypeDefinition(handle);
            while (type.IsNested) type = md.GetTypeDefinition(type.GetDeclaringType());
            var ns = md.GetString(type.Namespace);
            return ($"{ns}.{md.GetString(type.Name)}".TrimStart('.'), ns);
        }

        private (string Name, string Ns) Outermost(TypeReferenceHandle handle)
        {
            var type = md.GetTypeReference(handle);
            while (type.ResolutionScope.Kind == HandleKind.TypeReference) type = md.GetTypeReference((TypeReferenceHandle)type.ResolutionScope);
            var ns = md.GetString(type.Namespace);
            return ($"{ns}.{md.GetString(type.Name)}".TrimStart('.'), ns);
        }

        public IEnumerable<(string Name, string Ns)> Of(EntityHandle handle) => handle.Kind switch
        {
            HandleKind.TypeDefinition => [Outermost((TypeDefinitionHandle)handle)],
            HandleKind.TypeReference => [Outermost((TypeReferenceHandle)handle)],
            HandleKind.TypeSpecification => md.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null),
            _ => None,
        };

        public IEnumerable<(string Name, string Ns)> OfToken(int token)
        {
            var handle = MetadataTokens.EntityHandle(token);
            switch (handle.Kind)
            {
                case HandleKind.MethodDefinition:
                    return [Outermost(md.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType())];
                case HandleKind.FieldDefinition:
                    return [Outermost(md.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType())];
                case HandleKind.MemberReference:
                    var member = md.GetMemberReference((MemberReferenceHandle)handle);
                    return member.Parent.Kind is HandleKind.TypeDefinition or HandleKind.TypeReference or HandleKind.TypeSpecification
                        ? Of(member.Parent)
                        : None;
                case HandleKind.MethodSpecification:
                    var spec = md.GetMethodSpecification((MethodSpecificationHandle)handle);
                    return OfToken(MetadataTokens.GetToken(spec.Method)).Concat(spec.DecodeSignature(this, null).SelectMany(t => t));
                default:
                    return Of(handle);
            }
        }

        public ImmutableArray<(string Name, string Ns)> GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => [Outermost(handle)];

        public ImmutableArray<(string Name, string Ns)> GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => [Outermost(handle)];

        public ImmutableArray<(string Name, string Ns)> GetTypeFromSpecification(MetadataReader reader, object? context, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, context);

        public ImmutableArray<(string Name, string Ns)> GetGenericInstantiation(ImmutableArray<(string Name, string Ns)> genericType, ImmutableArray<ImmutableArray<(string Name, string Ns)>> typeArguments) =>
            [.. genericType, .. typeArguments.SelectMany(t => t)];

        public ImmutableArray<(string Name, string Ns)> GetArrayType(ImmutableArray<(string Name, string Ns)> elementType, ArrayShape shape) => elementType;
        public ImmutableArray<(string Name, string Ns)> GetSZArrayType(ImmutableArray<(string Name, string Ns)> elementType) => elementType;
        public ImmutableArray<(string Name, string Ns)> GetByReferenceType(ImmutableArray<(string Name, string Ns)> elementType) => elementType;
        public ImmutableArray<(string Name, string Ns)> GetPointerType(ImmutableArray<(string Name, string Ns)> elementType) => elementType;
        public ImmutableArray<(string Name, string Ns)> GetPinnedType(ImmutableArray<(string Name, string Ns)> elementType) => elementType;
        public ImmutableArray<(string Name, string Ns)> GetModifiedType(ImmutableArray<(string Name, string Ns)> modifier, ImmutableArray<(string Name, string Ns)> unmodifiedType, bool isRequired) => unmodifiedType;
        public ImmutableArray<(string Name, string Ns)> GetPrimitiveType(PrimitiveTypeCode typeCode) => None;
        public ImmutableArray<(string Name, string Ns)> GetGenericMethodParameter(object? context, int index) => None;
        public ImmutableArray<(string Name, string Ns)> GetGenericTypeParameter(object? context, int index) => None;
        public ImmutableArray<(string Name, string Ns)> GetFunctionPointerType(MethodSignature<ImmutableArray<(string Name, string Ns)>> signature) =>
            [.. signature.ReturnType, .. signature.ParameterTypes.SelectMany(t => t)];
    }
}
