/* ast.c: the node arena and ast_dump(), which prints a tree exactly like Python's
 * ast.dump(tree) so parser tests can compare against CPython. */
#include "parser.h"   /* ast.h + px_ast_dump_ex */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "object.h"   /* NB_* operator numbering only (no runtime functions) */

/* ---- arena: a chain of big blocks, bump-allocated ---- */
typedef struct Block {
    struct Block *next;
    size_t used, size;
    _Alignas(16) unsigned char data[];
} Block;

struct Arena {
    Block *head;
};

Arena *arena_new(void)
{
    Arena *a = calloc(1, sizeof(Arena));
    if (!a) { fputs("vitrine: out of memory\n", stderr); abort(); }
    return a;
}

void *arena_alloc(Arena *a, size_t size)
{
    size = (size + 15) & ~(size_t)15;
    Block *b = a->head;
    if (!b || b->used + size > b->size) {
        size_t bs = size > 60000 ? size : 65536 - sizeof(Block);
        b = malloc(sizeof(Block) + bs);
        if (!b) { fputs("vitrine: out of memory\n", stderr); abort(); }
        b->size = bs;
        b->used = 0;
        b->next = a->head;
        a->head = b;
    }
    void *r = b->data + b->used;
    b->used += size;
    memset(r, 0, size);
    return r;
}

char *arena_strndup(Arena *a, const char *s, size_t n)
{
    char *r = arena_alloc(a, n + 1);
    memcpy(r, s, n);
    r[n] = '\0';
    return r;
}

void arena_free(Arena *a)
{
    if (!a) return;
    Block *b = a->head;
    while (b) {
        Block *n = b->next;
        free(b);
        b = n;
    }
    free(a);
}

/* ---- dump ---- */

/* An approximation of str.isprintable() for non-ASCII code points (what repr escapes). */
static bool printable_cp(int cp)
{
    if ((cp & 0xFFFE) == 0xFFFE || (cp >= 0xFDD0 && cp <= 0xFDEF)) return false;
    if (cp >= 0xD800 && cp <= 0xF8FF) return false;    /* surrogates, private use */
    if (cp >= 0xF0000) return false;
    if (cp >= 0x2000 && cp <= 0x200F) return false;
    if (cp >= 0x2028 && cp <= 0x202F) return false;
    if (cp >= 0x205F && cp <= 0x206F) return false;
    if (cp >= 0xFFF0 && cp <= 0xFFFB) return false;
    if (cp >= 0x600 && cp <= 0x605) return false;
    if (cp >= 0xE0000 && cp <= 0xE0FFF) return false;
    switch (cp) {
    case 0x61C: case 0x6DD: case 0x70F: case 0x1680: case 0x180E: case 0x3000: case 0xFEFF:
    case 0x8E2: case 0x110BD: case 0x110CD:
        return false;
    }
    return true;
}

static void dump_str_repr(const char *s, size_t n, bool bytes, FILE *out)
{
    bool sq = false, dq = false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\'') sq = true;
        else if (s[i] == '"') dq = true;
    }
    char q = (sq && !dq) ? '"' : '\'';
    if (bytes) fputc('b', out);
    fputc(q, out);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == (unsigned char)q || c == '\\') { fputc('\\', out); fputc(c, out); }
        else if (c == '\n') fputs("\\n", out);
        else if (c == '\r') fputs("\\r", out);
        else if (c == '\t') fputs("\\t", out);
        else if (c < 0x20 || c == 0x7f || (bytes && c >= 0x80)) fprintf(out, "\\x%02x", c);
        else if (c >= 0x80) {
            /* Decode to check for non-printable code points, which repr escapes. */
            int cp = 0, len = 1;
            if ((c & 0xE0) == 0xC0) { cp = c & 0x1F; len = 2; }
            else if ((c & 0xF0) == 0xE0) { cp = c & 0x0F; len = 3; }
            else if ((c & 0xF8) == 0xF0) { cp = c & 0x07; len = 4; }
            for (int k = 1; k < len && i + (size_t)k < n; k++) cp = (cp << 6) | (s[i + k] & 0x3F);
            if (cp < 0xA1 || cp == 0xAD)
                fprintf(out, "\\x%02x", cp);
            else if (!printable_cp(cp))
                fprintf(out, cp > 0xFFFF ? "\\U%08x" : "\\u%04x", cp);
            else
                fwrite(s + i, 1, (size_t)len, out);
            i += (size_t)len - 1;
        } else fputc(c, out);
    }
    fputc(q, out);
}

/* Print an integer literal (any base, '_' already removed) in decimal. */
static void dump_int(const char *text, FILE *out)
{
    int base = 10;
    const char *s = text;
    if (s[0] == '0' && s[1]) {
        char b = (char)(s[1] | 0x20);
        if (b == 'x') base = 16; else if (b == 'o') base = 8; else if (b == 'b') base = 2;
        if (base != 10) s += 2;
    }
    size_t n = strlen(s);
    if (base == 10) {
        while (n > 1 && *s == '0') { s++; n--; }
        fputs(s, out);
        return;
    }
    /* Little-endian base-1e9 accumulator. */
    size_t cap = n + 2, len = 1;
    uint32_t *d = calloc(cap, sizeof(uint32_t));
    for (const char *c = s; *c; c++) {
        int v = (*c >= '0' && *c <= '9') ? *c - '0' : ((*c | 0x20) - 'a' + 10);
        uint64_t carry = (uint64_t)v;
        for (size_t i = 0; i < len; i++) {
            uint64_t x = (uint64_t)d[i] * (uint64_t)base + carry;
            d[i] = (uint32_t)(x % 1000000000u);
            carry = x / 1000000000u;
        }
        while (carry) { d[len++] = (uint32_t)(carry % 1000000000u); carry /= 1000000000u; }
    }
    fprintf(out, "%u", d[len - 1]);
    for (size_t i = len - 1; i-- > 0;) fprintf(out, "%09u", d[i]);
    free(d);
}

/* Python's repr(float): the shortest string that round-trips. */
static void format_float_repr(double f, char *buf, size_t size)
{
    if (isinf(f)) { snprintf(buf, size, f > 0 ? "inf" : "-inf"); return; }
    if (isnan(f)) { snprintf(buf, size, "nan"); return; }
    char tmp[64];
    int prec;
    for (prec = 1; prec <= 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*e", prec - 1, f);
        if (strtod(tmp, NULL) == f) break;
    }
    /* tmp is d.ddde±XX; Python uses positional notation for exponents in [-4, 16). */
    char *e = strchr(tmp, 'e');
    int exp = atoi(e + 1);
    char digits[32];
    int nd = 0;
    bool neg = tmp[0] == '-';
    for (char *c = tmp + (neg ? 1 : 0); c < e; c++)
        if (*c != '.') digits[nd++] = *c;
    while (nd > 1 && digits[nd - 1] == '0') nd--;
    digits[nd] = '\0';
    char *o = buf;
    if (neg) *o++ = '-';
    if (exp >= -4 && exp < 16) {
        if (exp < 0) {
            o += sprintf(o, "0.");
            for (int i = -1; i > exp; i--) *o++ = '0';
            o += sprintf(o, "%s", digits);
        } else {
            for (int i = 0; i <= exp || i < nd; i++) {
                if (i == exp + 1) *o++ = '.';
                *o++ = i < nd ? digits[i] : '0';
            }
            if (nd <= exp + 1) o += sprintf(o, ".0");
        }
        *o = '\0';
    } else {
        *o++ = digits[0];
        if (nd > 1) { *o++ = '.'; o += sprintf(o, "%s", digits + 1); }
        sprintf(o, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
    }
    (void)size;
}

static void dump_constant(const Constant *c, FILE *out)
{
    char buf[64];
    switch (c->kind) {
    case CONST_NONE: fputs("None", out); break;
    case CONST_TRUE: fputs("True", out); break;
    case CONST_FALSE: fputs("False", out); break;
    case CONST_ELLIPSIS: fputs("Ellipsis", out); break;
    case CONST_INT: dump_int(c->str, out); break;
    case CONST_FLOAT: format_float_repr(c->f, buf, sizeof buf); fputs(buf, out); break;
    case CONST_IMAG:
        format_float_repr(c->f, buf, sizeof buf);
        {
            size_t n = strlen(buf);
            if (n > 2 && strcmp(buf + n - 2, ".0") == 0) buf[n - 2] = '\0';
        }
        fprintf(out, "%sj", buf);
        break;
    case CONST_STR: dump_str_repr(c->str, c->len, false, out); break;
    case CONST_BYTES: dump_str_repr(c->str, c->len, true, out); break;
    }
}

static const char *binop_name(int op)
{
    switch (op) {
    case NB_ADD: return "Add()"; case NB_SUBTRACT: return "Sub()";
    case NB_MULTIPLY: return "Mult()"; case NB_MATRIX_MULTIPLY: return "MatMult()";
    case NB_TRUE_DIVIDE: return "Div()"; case NB_REMAINDER: return "Mod()";
    case NB_POWER: return "Pow()"; case NB_LSHIFT: return "LShift()";
    case NB_RSHIFT: return "RShift()"; case NB_OR: return "BitOr()";
    case NB_XOR: return "BitXor()"; case NB_AND: return "BitAnd()";
    case NB_FLOOR_DIVIDE: return "FloorDiv()";
    }
    return "?";
}

static const char *const cmpop_names[] = {"Lt()", "LtE()", "Eq()", "NotEq()", "Gt()", "GtE()",
                                          "Is()", "IsNot()", "In()", "NotIn()"};
static const char *const unop_names[] = {"Invert()", "Not()", "UAdd()", "USub()"};
static const char *const ctx_names[] = {"Load()", "Store()", "Del()"};

static void dump_node(const Node *n, FILE *out);
static bool dump_attrs;   /* include positions (px_ast_dump_ex) */

static void dump_list(const NodeList *l, FILE *out)
{
    fputc('[', out);
    for (size_t i = 0; i < l->n; i++) {
        if (i) fputs(", ", out);
        if (l->items[i]) dump_node(l->items[i], out); else fputs("None", out);
    }
    fputc(']', out);
}

/* Field printers: optional fields (NULL) are omitted, as ast.dump does. */
#define F_NODE(name, v) do { if (v) { fprintf(out, "%s" name "=", sep); dump_node(v, out); sep = ", "; } } while (0)
#define F_LIST(name, v) do { fprintf(out, "%s" name "=", sep); dump_list(&(v), out); sep = ", "; } while (0)
#define F_STR(name, v) do { if (v) { fprintf(out, "%s" name "=", sep); dump_str_repr(v, strlen(v), false, out); sep = ", "; } } while (0)
#define F_RAW(name, s) do { fprintf(out, "%s" name "=%s", sep, s); sep = ", "; } while (0)
#define F_INT(name, v) do { fprintf(out, "%s" name "=%d", sep, (int)(v)); sep = ", "; } while (0)

static void dump_arguments(const Arguments *a, FILE *out)
{
    const char *sep = "";
    fputs("arguments(", out);
    F_LIST("posonlyargs", a->posonlyargs);
    F_LIST("args", a->args);
    F_NODE("vararg", a->vararg);
    F_LIST("kwonlyargs", a->kwonlyargs);
    F_LIST("kw_defaults", a->kw_defaults);
    F_NODE("kwarg", a->kwarg);
    F_LIST("defaults", a->defaults);
    fputc(')', out);
}

static void dump_node(const Node *n, FILE *out)
{
    const char *sep = "";
    switch (n->kind) {
    case N_Module:
        fputs("Module(", out); F_LIST("body", n->v.module.body); F_RAW("type_ignores", "[]"); break;
    case N_Interactive: fputs("Interactive(", out); F_LIST("body", n->v.module.body); break;
    case N_Expression: fputs("Expression(", out); F_NODE("body", n->v.expression.body); break;
    case N_FunctionDef:
        fputs(n->v.funcdef.is_async ? "AsyncFunctionDef(" : "FunctionDef(", out);
        F_STR("name", n->v.funcdef.name);
        fprintf(out, "%sargs=", sep); dump_arguments(n->v.funcdef.args, out); sep = ", ";
        F_LIST("body", n->v.funcdef.body); F_LIST("decorator_list", n->v.funcdef.decorators);
        F_NODE("returns", n->v.funcdef.returns);
        break;
    case N_ClassDef:
        fputs("ClassDef(", out); F_STR("name", n->v.classdef.name);
        F_LIST("bases", n->v.classdef.bases); F_LIST("keywords", n->v.classdef.keywords);
        F_LIST("body", n->v.classdef.body); F_LIST("decorator_list", n->v.classdef.decorators);
        break;
    case N_Return: fputs("Return(", out); F_NODE("value", n->v.ret.value); break;
    case N_Delete: fputs("Delete(", out); F_LIST("targets", n->v.del.targets); break;
    case N_Assign:
        fputs("Assign(", out); F_LIST("targets", n->v.assign.targets); F_NODE("value", n->v.assign.value); break;
    case N_AugAssign:
        fputs("AugAssign(", out); F_NODE("target", n->v.augassign.target);
        F_RAW("op", binop_name(n->v.augassign.op)); F_NODE("value", n->v.augassign.value); break;
    case N_AnnAssign:
        fputs("AnnAssign(", out); F_NODE("target", n->v.annassign.target);
        F_NODE("annotation", n->v.annassign.annotation); F_NODE("value", n->v.annassign.value);
        F_INT("simple", n->v.annassign.simple); break;
    case N_For:
        fputs(n->v.forloop.is_async ? "AsyncFor(" : "For(", out);
        F_NODE("target", n->v.forloop.target); F_NODE("iter", n->v.forloop.iter);
        F_LIST("body", n->v.forloop.body); F_LIST("orelse", n->v.forloop.orelse); break;
    case N_While: case N_If:
        fputs(n->kind == N_While ? "While(" : "If(", out);
        F_NODE("test", n->v.whileloop.test); F_LIST("body", n->v.whileloop.body);
        F_LIST("orelse", n->v.whileloop.orelse); break;
    case N_With:
        fputs(n->v.with.is_async ? "AsyncWith(" : "With(", out);
        F_LIST("items", n->v.with.items); F_LIST("body", n->v.with.body); break;
    case N_Raise: fputs("Raise(", out); F_NODE("exc", n->v.raise.exc); F_NODE("cause", n->v.raise.cause); break;
    case N_Try: case N_TryStar:
        fputs(n->kind == N_Try ? "Try(" : "TryStar(", out);
        F_LIST("body", n->v.tryst.body); F_LIST("handlers", n->v.tryst.handlers);
        F_LIST("orelse", n->v.tryst.orelse); F_LIST("finalbody", n->v.tryst.finalbody); break;
    case N_Assert: fputs("Assert(", out); F_NODE("test", n->v.assertst.test); F_NODE("msg", n->v.assertst.msg); break;
    case N_Import: fputs("Import(", out); F_LIST("names", n->v.import.names); break;
    case N_ImportFrom:
        fputs("ImportFrom(", out); F_STR("module", n->v.import.module);
        F_LIST("names", n->v.import.names); F_INT("level", n->v.import.level); break;
    case N_Global: case N_Nonlocal:
        fputs(n->kind == N_Global ? "Global(names=[" : "Nonlocal(names=[", out);
        for (size_t i = 0; i < n->v.global.n; i++) {
            if (i) fputs(", ", out);
            dump_str_repr(n->v.global.names[i], strlen(n->v.global.names[i]), false, out);
        }
        fputc(']', out);
        sep = ", ";
        break;
    case N_Expr: fputs("Expr(", out); F_NODE("value", n->v.ret.value); break;
    case N_Pass: fputs("Pass(", out); break;
    case N_Break: fputs("Break(", out); break;
    case N_Continue: fputs("Continue(", out); break;
    case N_BoolOp:
        fputs("BoolOp(", out); F_RAW("op", n->v.boolop.op == BOOL_AND ? "And()" : "Or()");
        F_LIST("values", n->v.boolop.values); break;
    case N_NamedExpr:
        fputs("NamedExpr(", out); F_NODE("target", n->v.namedexpr.target); F_NODE("value", n->v.namedexpr.value); break;
    case N_BinOp:
        fputs("BinOp(", out); F_NODE("left", n->v.binop.left); F_RAW("op", binop_name(n->v.binop.op));
        F_NODE("right", n->v.binop.right); break;
    case N_UnaryOp:
        fputs("UnaryOp(", out); F_RAW("op", unop_names[n->v.unaryop.op]); F_NODE("operand", n->v.unaryop.operand); break;
    case N_Lambda:
        fputs("Lambda(args=", out); dump_arguments(n->v.lambda.args, out); sep = ", ";
        F_NODE("body", n->v.lambda.body); break;
    case N_IfExp:
        fputs("IfExp(", out); F_NODE("test", n->v.ifexp.test); F_NODE("body", n->v.ifexp.body);
        F_NODE("orelse", n->v.ifexp.orelse); break;
    case N_Dict: fputs("Dict(", out); F_LIST("keys", n->v.dict.keys); F_LIST("values", n->v.dict.values); break;
    case N_Set: fputs("Set(", out); F_LIST("elts", n->v.seq.elts); break;
    case N_ListComp: case N_SetComp: case N_GeneratorExp:
        fputs(n->kind == N_ListComp ? "ListComp(" : n->kind == N_SetComp ? "SetComp(" : "GeneratorExp(", out);
        F_NODE("elt", n->v.comp.elt); F_LIST("generators", n->v.comp.generators); break;
    case N_DictComp:
        fputs("DictComp(", out); F_NODE("key", n->v.comp.elt); F_NODE("value", n->v.comp.value);
        F_LIST("generators", n->v.comp.generators); break;
    case N_Await: fputs("Await(", out); F_NODE("value", n->v.ret.value); break;
    case N_Yield: fputs("Yield(", out); F_NODE("value", n->v.ret.value); break;
    case N_YieldFrom: fputs("YieldFrom(", out); F_NODE("value", n->v.ret.value); break;
    case N_Compare:
        fputs("Compare(", out); F_NODE("left", n->v.compare.left);
        fputs(", ops=[", out);
        for (size_t i = 0; i < n->v.compare.comparators.n; i++) {
            if (i) fputs(", ", out);
            fputs(cmpop_names[n->v.compare.ops[i]], out);
        }
        fputc(']', out);
        F_LIST("comparators", n->v.compare.comparators); break;
    case N_Call:
        fputs("Call(", out); F_NODE("func", n->v.call.func); F_LIST("args", n->v.call.args);
        F_LIST("keywords", n->v.call.keywords); break;
    case N_FormattedValue:
        fputs("FormattedValue(", out); F_NODE("value", n->v.formatted.value);
        F_INT("conversion", n->v.formatted.conversion); F_NODE("format_spec", n->v.formatted.format_spec); break;
    case N_JoinedStr: fputs("JoinedStr(", out); F_LIST("values", n->v.joined.values); break;
    case N_Constant: fputs("Constant(value=", out); dump_constant(&n->v.constant, out); sep = ", "; break;
    case N_Attribute:
        fputs("Attribute(", out); F_NODE("value", n->v.attribute.value); F_STR("attr", n->v.attribute.attr);
        F_RAW("ctx", ctx_names[n->v.attribute.ctx]); break;
    case N_Subscript:
        fputs("Subscript(", out); F_NODE("value", n->v.subscript.value); F_NODE("slice", n->v.subscript.slice);
        F_RAW("ctx", ctx_names[n->v.subscript.ctx]); break;
    case N_Starred:
        fputs("Starred(", out); F_NODE("value", n->v.starred.value); F_RAW("ctx", ctx_names[n->v.starred.ctx]); break;
    case N_Name:
        fputs("Name(", out); F_STR("id", n->v.name.id); F_RAW("ctx", ctx_names[n->v.name.ctx]); break;
    case N_List: case N_Tuple:
        fputs(n->kind == N_List ? "List(" : "Tuple(", out); F_LIST("elts", n->v.seq.elts);
        F_RAW("ctx", ctx_names[n->v.seq.ctx]); break;
    case N_Slice:
        fputs("Slice(", out); F_NODE("lower", n->v.slice.lower); F_NODE("upper", n->v.slice.upper);
        F_NODE("step", n->v.slice.step); break;
    case N_Comprehension:
        fputs("comprehension(", out); F_NODE("target", n->v.comprehension.target);
        F_NODE("iter", n->v.comprehension.iter); F_LIST("ifs", n->v.comprehension.ifs);
        F_INT("is_async", n->v.comprehension.is_async); break;
    case N_ExceptHandler:
        fputs("ExceptHandler(", out); F_NODE("type", n->v.handler.type); F_STR("name", n->v.handler.name);
        F_LIST("body", n->v.handler.body); break;
    case N_Arguments: dump_arguments(&n->v.arguments, out); return;
    case N_Arg: fputs("arg(", out); F_STR("arg", n->v.arg.arg); F_NODE("annotation", n->v.arg.annotation); break;
    case N_Keyword: fputs("keyword(", out); F_STR("arg", n->v.keyword.arg); F_NODE("value", n->v.keyword.value); break;
    case N_Alias: fputs("alias(", out); F_STR("name", n->v.alias.name); F_STR("asname", n->v.alias.asname); break;
    case N_WithItem:
        fputs("withitem(", out); F_NODE("context_expr", n->v.withitem.context_expr);
        F_NODE("optional_vars", n->v.withitem.optional_vars); break;
    default: fprintf(out, "?%d(", (int)n->kind); break;
    }
    if (dump_attrs && n->kind > N_Expression && n->kind != N_Comprehension && n->kind != N_WithItem)
        fprintf(out, "%slineno=%d, col_offset=%d, end_lineno=%d, end_col_offset=%d", sep, n->lineno,
                n->col_offset, n->end_lineno, n->end_col_offset);
    fputc(')', out);
}

void ast_dump(const Node *n, FILE *out)
{
    px_ast_dump_ex(n, out, false);
}

void px_ast_dump_ex(const Node *n, FILE *out, bool attributes)
{
    if (!n) { fputs("None", out); return; }
    dump_attrs = attributes;
    dump_node(n, out);
    dump_attrs = false;
}
