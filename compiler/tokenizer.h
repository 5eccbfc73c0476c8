/* tokenizer.h: Python 3.11 tokens (internal to the parser; see tokenizer.c). */
#ifndef VITRINE_TOKENIZER_H
#define VITRINE_TOKENIZER_H

#include <stdbool.h>
#include <stddef.h>

/* Token types. Keywords get their own type so the parser never compares strings. */
#define TOKEN_TYPES(X) \
    X(ENDMARKER, "") X(NAME, "") X(NUMBER, "") X(STRING, "") X(NEWLINE, "") \
    X(INDENT, "") X(DEDENT, "") X(ERRORTOKEN, "") \
    X(LPAR, "(") X(RPAR, ")") X(LSQB, "[") X(RSQB, "]") X(LBRACE, "{") X(RBRACE, "}") \
    X(COLON, ":") X(COMMA, ",") X(SEMI, ";") X(PLUS, "+") X(MINUS, "-") X(STAR, "*") \
    X(SLASH, "/") X(VBAR, "|") X(AMPER, "&") X(LESS, "<") X(GREATER, ">") X(EQUAL, "=") \
    X(DOT, ".") X(PERCENT, "%") X(EQEQUAL, "==") X(NOTEQUAL, "!=") X(LESSEQUAL, "<=") \
    X(GREATEREQUAL, ">=") X(TILDE, "~") X(CIRCUMFLEX, "^") X(LEFTSHIFT, "<<") \
    X(RIGHTSHIFT, ">>") X(DOUBLESTAR, "**") X(PLUSEQUAL, "+=") X(MINEQUAL, "-=") \
    X(STAREQUAL, "*=") X(SLASHEQUAL, "/=") X(PERCENTEQUAL, "%=") X(AMPEREQUAL, "&=") \
    X(VBAREQUAL, "|=") X(CIRCUMFLEXEQUAL, "^=") X(LEFTSHIFTEQUAL, "<<=") \
    X(RIGHTSHIFTEQUAL, ">>=") X(DOUBLESTAREQUAL, "**=") X(DOUBLESLASH, "//") \
    X(DOUBLESLASHEQUAL, "//=") X(AT, "@") X(ATEQUAL, "@=") X(RARROW, "->") \
    X(ELLIPSIS, "...") X(COLONEQUAL, ":=") X(EXCLAMATION, "!") \
    X(KW_False, "False") X(KW_None, "None") X(KW_True, "True") X(KW_and, "and") \
    X(KW_as, "as") X(KW_assert, "assert") X(KW_async, "async") X(KW_await, "await") \
    X(KW_break, "break") X(KW_class, "class") X(KW_continue, "continue") X(KW_def, "def") \
    X(KW_del, "del") X(KW_elif, "elif") X(KW_else, "else") X(KW_except, "except") \
    X(KW_finally, "finally") X(KW_for, "for") X(KW_from, "from") X(KW_global, "global") \
    X(KW_if, "if") X(KW_import, "import") X(KW_in, "in") X(KW_is, "is") \
    X(KW_lambda, "lambda") X(KW_nonlocal, "nonlocal") X(KW_not, "not") X(KW_or, "or") \
    X(KW_pass, "pass") X(KW_raise, "raise") X(KW_return, "return") X(KW_try, "try") \
    X(KW_while, "while") X(KW_with, "with") X(KW_yield, "yield")

typedef enum {
#define X(name, text) TK_##name,
    TOKEN_TYPES(X)
#undef X
    TK__COUNT
} TokType;

#define TK_FIRST_KEYWORD TK_KW_False

extern const char *const px_token_text[TK__COUNT];   /* operator/keyword spelling, "" otherwise */

typedef struct Token {
    int type;               /* TokType */
    const char *start;      /* into the source; NULL for INDENT/DEDENT/ENDMARKER */
    int len;
    int lineno, col, end_lineno, end_col;   /* 1-based lines, 0-based byte columns */
    int level;              /* bracket depth after this token */
} Token;

/* Why the tokenizer stopped early (the last token is then TK_ERRORTOKEN). */
typedef enum {
    TE_NONE,
    TE_RAISED,     /* an error CPython's tokenizer raises at once (bad string, char, number...) */
    TE_EOF,        /* end of input inside brackets / after a backslash */
    TE_DEDENT,     /* unindent does not match any outer indentation level */
    TE_TABSPACE,   /* inconsistent use of tabs and spaces */
    TE_TOODEEP,
    TE_LINECONT,   /* unexpected character after line continuation character */
} TokErrKind;

typedef struct TokError {
    TokErrKind kind;
    int exc;                 /* 0 SyntaxError, 1 IndentationError, 2 TabError */
    char msg[200];
    int lineno, end_lineno;
    int off, end_off;        /* as SyntaxError.offset/end_offset, but in bytes (converted later) */
    bool incomplete;         /* the error is "input ended too early" (REPL wants more) */
    /* Unclosed bracket at EOF (TE_EOF): where it was opened. */
    char paren;
    int paren_lineno, paren_col;
} TokError;

typedef struct TokenArray {
    Token *toks;
    int n, cap;
    const char *src;
    /* Line starts, to give the source line back in error messages. */
    const char **lines;
    int nlines, lines_cap;
    int extra_line, extra_col;   /* offsets when tokenizing an f-string expression */
} TokenArray;

/* Tokenize `src` (NUL-terminated, `len` bytes) in one linear pass. Always succeeds in
 * producing a token array: on a lexical error it ends with TK_ERRORTOKEN and *err says why.
 * If `inner` the text is an f-string expression: no INDENT/DEDENT/NEWLINE, as inside
 * brackets; line/col are shifted by (line0-1, col0 on the first line). */
void px_tokenize(const char *src, size_t len, TokenArray *out, TokError *err,
              bool inner, int line0, int col0);
void px_token_array_free(TokenArray *ta);

/* Source line `lineno` (1-based) of a tokenized text, and its length including '\n'. */
const char *px_token_line(const TokenArray *ta, int lineno, int *len);

#endif
