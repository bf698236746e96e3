/* test_tokenize.c - the hand-written tokenizer: classes, positions,
 * keywords, quoting, comments, numbers, operators, illegal input, and a
 * random-bytes loop that must neither crash nor read out of bounds. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse_internal.h"
#include "sql.h"
#include "tokenize.h"

#define MAXTOK 64

/* Tokenizes src (NUL-terminated) into out, skipping white space and
 * comments unless keep_all; returns the count (the final TK_EOF included). */
static int lex(const char *src, Token *out, int keep_all)
{
    Tokenizer t;
    tok_init(&t, src, strlen(src));
    int n = 0;
    for (;;) {
        Token tk = tok_next(&t);
        if (!keep_all && (tk.type == TK_SPACE || tk.type == TK_COMMENT)) continue;
        cr_assert_lt(n, MAXTOK);
        out[n++] = tk;
        if (tk.type == TK_EOF) return n;
    }
}

static void expect_tok(Token t, int type, const char *text, int line, int col)
{
    cr_expect_eq(t.type, type, "type %d (%s), want %d (%s) for '%.*s'", t.type, tok_name(t.type),
                 type, tok_name(type), t.len, t.text);
    cr_expect_eq(t.len, (int)strlen(text), "len %d want %zu for '%.*s'", t.len, strlen(text), t.len,
                 t.text);
    cr_expect(strncmp(t.text, text, strlen(text)) == 0, "text '%.*s' want '%s'", t.len, t.text,
              text);
    cr_expect_eq(t.pos.line, line, "line %d want %d for '%s'", t.pos.line, line, text);
    cr_expect_eq(t.pos.col, col, "col %d want %d for '%s'", t.pos.col, col, text);
}

Test(tokenize, positions_across_lines)
{
    Token t[MAXTOK];
    int n = lex("SELECT a,\n  b\tFROM t\r\n;", t, 0);
    cr_assert_eq(n, 8);
    expect_tok(t[0], TK_SELECT, "SELECT", 1, 1);
    expect_tok(t[1], TK_ID, "a", 1, 8);
    expect_tok(t[2], TK_COMMA, ",", 1, 9);
    expect_tok(t[3], TK_ID, "b", 2, 3);
    expect_tok(t[4], TK_FROM, "FROM", 2, 5); /* a tab counts as one column */
    expect_tok(t[5], TK_ID, "t", 2, 10);
    expect_tok(t[6], TK_SEMI, ";", 3, 1);
    expect_tok(t[7], TK_EOF, "", 3, 2);
}

Test(tokenize, whitespace_and_comments_are_tokens)
{
    Token t[MAXTOK];
    int n = lex("a -- note\n/* x\ny */b", t, 1);
    cr_assert_eq(n, 7);
    expect_tok(t[0], TK_ID, "a", 1, 1);
    expect_tok(t[1], TK_SPACE, " ", 1, 2);
    expect_tok(t[2], TK_COMMENT, "-- note", 1, 3);
    expect_tok(t[3], TK_SPACE, "\n", 1, 10);
    expect_tok(t[4], TK_COMMENT, "/* x\ny */", 2, 1);
    expect_tok(t[5], TK_ID, "b", 3, 5);
    expect_tok(t[6], TK_EOF, "", 3, 6);
}

Test(tokenize, comment_at_end_without_newline)
{
    Token t[MAXTOK];
    int n = lex("x--", t, 1);
    cr_assert_eq(n, 3);
    expect_tok(t[1], TK_COMMENT, "--", 1, 2);
    n = lex("x/**/y", t, 0);
    cr_assert_eq(n, 3);
    expect_tok(t[1], TK_ID, "y", 1, 6);
}

Test(tokenize, keywords_case_insensitive)
{
    Token t[MAXTOK];
    int n = lex("select SeLeCt SELECT fRoM selected _select", t, 0);
    cr_assert_eq(n, 7);
    cr_expect_eq(t[0].type, TK_SELECT);
    cr_expect_eq(t[1].type, TK_SELECT);
    cr_expect_eq(t[2].type, TK_SELECT);
    cr_expect_eq(t[3].type, TK_FROM);
    cr_expect_eq(t[4].type, TK_ID);
    cr_expect_eq(t[5].type, TK_ID);
    cr_expect_eq(tok_keyword_code("where", 5), TK_WHERE);
    cr_expect_eq(tok_keyword_code("WHEREX", 6), 0);
    cr_expect_eq(tok_keyword_code("WHER", 4), 0);
    cr_expect_eq(tok_keyword_code("", 0), 0);
    /* type names, units and function names are identifiers */
    cr_expect_eq(tok_keyword_code("BIGINT", 6), 0);
    cr_expect_eq(tok_keyword_code("MINUTE", 6), 0);
    cr_expect_eq(tok_keyword_code("COUNT", 5), 0);
}

/* Every keyword code round-trips through its printable name, which proves
 * the table is sorted for the binary search. */
Test(tokenize, every_keyword_is_found)
{
    int found = 0;
    for (int code = 1; code < sqlParseTokenCount(); code++) {
        const char *name = tok_name(code);
        /* keywords are the upper-case names; "token" marks the precedence
         * pseudo-tokens that the tokenizer never produces */
        if (name[0] < 'A' || name[0] > 'Z') continue;
        cr_expect_eq(tok_keyword_code(name, (int)strlen(name)), code, "%s", name);
        found++;
    }
    cr_expect_geq(found, 50);
}

Test(tokenize, token_names)
{
    cr_expect_str_eq(tok_name(TK_SELECT), "SELECT");
    cr_expect_str_eq(tok_name(TK_RP), "')'");
    cr_expect_str_eq(tok_name(TK_ID), "identifier");
    cr_expect_str_eq(tok_name(0), "end of input");
    cr_expect_str_eq(tok_name(TK_NE), "'<>'");
    cr_expect_str_eq(tok_name(99999), "token");
}

Test(tokenize, quoted_identifiers)
{
    Token t[MAXTOK];
    int n = lex("`date` \"a\"\"b\" `x``y` `select`", t, 0);
    cr_assert_eq(n, 5);
    expect_tok(t[0], TK_ID, "`date`", 1, 1);
    expect_tok(t[1], TK_ID, "\"a\"\"b\"", 1, 8);
    expect_tok(t[2], TK_ID, "`x``y`", 1, 15);
    expect_tok(t[3], TK_ID, "`select`", 1, 22); /* quoted keywords are identifiers */
}

Test(tokenize, strings)
{
    Token t[MAXTOK];
    int n = lex("'it''s' '' 'a\nb' x", t, 0);
    cr_assert_eq(n, 5);
    expect_tok(t[0], TK_STRING, "'it''s'", 1, 1);
    expect_tok(t[1], TK_STRING, "''", 1, 9);
    expect_tok(t[2], TK_STRING, "'a\nb'", 1, 12);
    expect_tok(t[3], TK_ID, "x", 2, 4);
}

Test(tokenize, strings_may_hold_any_byte)
{
    const char src[] = "'a\0\xff\x80z' b";
    Tokenizer tz;
    tok_init(&tz, src, sizeof src - 1);
    Token t = tok_next(&tz);
    cr_expect_eq(t.type, TK_STRING);
    cr_expect_eq(t.len, 7);
}

Test(tokenize, numbers)
{
    Token t[MAXTOK];
    int n = lex("42 4.2 .5 1. 1e10 1.5E-3 2e+7 007", t, 0);
    cr_assert_eq(n, 9);
    expect_tok(t[0], TK_INTEGER, "42", 1, 1);
    expect_tok(t[1], TK_FLOAT, "4.2", 1, 4);
    expect_tok(t[2], TK_FLOAT, ".5", 1, 8);
    expect_tok(t[3], TK_FLOAT, "1.", 1, 11);
    expect_tok(t[4], TK_FLOAT, "1e10", 1, 14);
    expect_tok(t[5], TK_FLOAT, "1.5E-3", 1, 19);
    expect_tok(t[6], TK_FLOAT, "2e+7", 1, 26);
    expect_tok(t[7], TK_INTEGER, "007", 1, 31);
}

Test(tokenize, number_running_into_letters_is_illegal)
{
    Token t[MAXTOK];
    int n = lex("12ab 1e x 3.x", t, 0);
    cr_assert_eq(n, 5);
    expect_tok(t[0], TK_ILLEGAL, "12ab", 1, 1);
    expect_tok(t[1], TK_ILLEGAL, "1e", 1, 6);
    expect_tok(t[2], TK_ID, "x", 1, 9);
    expect_tok(t[3], TK_ILLEGAL, "3.x", 1, 11);
}

Test(tokenize, qualified_names_and_dots)
{
    Token t[MAXTOK];
    int n = lex("t.a t.* .", t, 0);
    cr_assert_eq(n, 8);
    expect_tok(t[0], TK_ID, "t", 1, 1);
    expect_tok(t[1], TK_DOT, ".", 1, 2);
    expect_tok(t[2], TK_ID, "a", 1, 3);
    expect_tok(t[4], TK_DOT, ".", 1, 6);
    expect_tok(t[5], TK_STAR, "*", 1, 7);
    expect_tok(t[6], TK_DOT, ".", 1, 9);
}

Test(tokenize, identifiers_with_dollar_and_underscore)
{
    Token t[MAXTOK];
    int n = lex("_a$1 window_start", t, 0);
    cr_assert_eq(n, 3);
    expect_tok(t[0], TK_ID, "_a$1", 1, 1);
    expect_tok(t[1], TK_ID, "window_start", 1, 6);
}

Test(tokenize, every_operator)
{
    static const struct {
        const char *text;
        int type;
    } ops[] = {
        {"+", TK_PLUS},  {"-", TK_MINUS}, {"*", TK_STAR},    {"/", TK_SLASH},  {"%", TK_PERCENT},
        {"=", TK_EQ},    {"<>", TK_NE},   {"!=", TK_NE},     {"<", TK_LT},     {"<=", TK_LE},
        {">", TK_GT},    {">=", TK_GE},   {"||", TK_CONCAT}, {"(", TK_LP},     {")", TK_RP},
        {",", TK_COMMA}, {".", TK_DOT},   {";", TK_SEMI},    {"=>", TK_ARROW},
    };
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        char src[16];
        snprintf(src, sizeof src, "a%sb", ops[i].text);
        Token t[MAXTOK];
        int n = lex(src, t, 0);
        cr_assert_eq(n, 4, "operator %s", ops[i].text);
        expect_tok(t[1], ops[i].type, ops[i].text, 1, 2);
        expect_tok(t[2], TK_ID, "b", 1, 2 + (int)strlen(ops[i].text));
    }
    /* longest match */
    Token t[MAXTOK];
    int n = lex("<>=", t, 0);
    cr_assert_eq(n, 3);
    expect_tok(t[0], TK_NE, "<>", 1, 1);
    expect_tok(t[1], TK_EQ, "=", 1, 3);
}

Test(tokenize, pattern_and_collection_punctuation)
{
    static const struct {
        const char *text;
        int type;
    } ops[] = {
        {"[", TK_LBRACKET}, {"]", TK_RBRACKET}, {"{", TK_LBRACE}, {"}", TK_RBRACE},
        {"?", TK_QUESTION}, {"|", TK_PIPE},     {"^", TK_CARET},  {"$", TK_DOLLAR},
    };
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        char src[16];
        snprintf(src, sizeof src, "a %s b", ops[i].text);
        Token t[MAXTOK];
        int n = lex(src, t, 0);
        cr_assert_eq(n, 4, "punctuation %s", ops[i].text);
        expect_tok(t[1], ops[i].type, ops[i].text, 1, 3);
        char name[8];
        snprintf(name, sizeof name, "'%s'", ops[i].text);
        cr_expect_str_eq(tok_name(ops[i].type), name);
    }
    /* '|' alone is PIPE, '||' still CONCAT; '$' inside a name belongs to it */
    Token t[MAXTOK];
    int n = lex("a|b||c|", t, 0);
    cr_assert_eq(n, 7);
    expect_tok(t[1], TK_PIPE, "|", 1, 2);
    expect_tok(t[3], TK_CONCAT, "||", 1, 4);
    expect_tok(t[5], TK_PIPE, "|", 1, 7);
    n = lex("A{2,}? B$ $ x[1]", t, 0);
    cr_assert_eq(n, 13);
    expect_tok(t[1], TK_LBRACE, "{", 1, 2);
    expect_tok(t[2], TK_INTEGER, "2", 1, 3);
    expect_tok(t[3], TK_COMMA, ",", 1, 4);
    expect_tok(t[4], TK_RBRACE, "}", 1, 5);
    expect_tok(t[5], TK_QUESTION, "?", 1, 6);
    expect_tok(t[6], TK_ID, "B$", 1, 8);
    expect_tok(t[7], TK_DOLLAR, "$", 1, 11);
    expect_tok(t[8], TK_ID, "x", 1, 13);
    expect_tok(t[9], TK_LBRACKET, "[", 1, 14);
    expect_tok(t[11], TK_RBRACKET, "]", 1, 16);
}

Test(tokenize, query_keywords)
{
    static const struct {
        const char *text;
        int type;
    } kws[] = {
        {"join", TK_JOIN},
        {"Natural", TK_NATURAL},
        {"LATERAL", TK_LATERAL},
        {"unnest", TK_UNNEST},
        {"match_recognize", TK_MATCH_RECOGNIZE},
        {"MATCH", TK_MATCH},
        {"system_time", TK_SYSTEM_TIME},
        {"QUALIFY", TK_QUALIFY},
        {"intersect", TK_INTERSECT},
        {"EXCEPT", TK_EXCEPT},
        {"minus", TK_EXCEPT}, /* Calcite's synonym of EXCEPT */
        {"within", TK_WITHIN},
        {"ordinality", TK_ORDINALITY},
        {"Statement", TK_STATEMENT},
        {"overwrite", TK_OVERWRITE},
        {"UNBOUNDED", TK_UNBOUNDED},
    };
    for (size_t i = 0; i < sizeof kws / sizeof kws[0]; i++)
        cr_expect_eq(tok_keyword_code(kws[i].text, (int)strlen(kws[i].text)), kws[i].type, "%s",
                     kws[i].text);
    /* the longest keyword, and a longer word with it as a prefix */
    cr_expect_eq(tok_keyword_code("MATCH_RECOGNIZE", 15), TK_MATCH_RECOGNIZE);
    cr_expect_eq(tok_keyword_code("MATCH_RECOGNIZEX", 16), 0);
    cr_expect_eq(tok_keyword_code("MATCH_", 6), 0);
    /* words the grammar checks as identifiers are not keywords */
    static const char *const ids[] = {"TUMBLING", "HOPPING", "SESSION",   "SIZE",     "ADVANCE",
                                      "GRACE",    "PERIOD",  "RETENTION", "TRY_CAST", "DATE",
                                      "TUMBLE",   "DATA",    "TIMECOL"};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
        cr_expect_eq(tok_keyword_code(ids[i], (int)strlen(ids[i])), 0, "%s", ids[i]);
    Token t[MAXTOK];
    int n = lex("SELECT * FROM a MINUS SELECT * FROM b", t, 0);
    cr_assert_eq(n, 10);
    expect_tok(t[4], TK_EXCEPT, "MINUS", 1, 17);
}

Test(tokenize, illegal_bytes)
{
    const char *cases[] = {"!",    ":",    "@",    "#",        "~",    "\\",
                           "\x01", "\x7f", "\x80", "\xc3\xa9", "\xff", "&"};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Token t[MAXTOK];
        char src[16];
        snprintf(src, sizeof src, "a %s", cases[i]);
        lex(src, t, 0);
        cr_expect_eq(t[1].type, TK_ILLEGAL, "case %zu", i);
        cr_expect_eq(t[1].len, 1, "one byte at a time (case %zu)", i);
        cr_expect_eq(t[1].pos.col, 3);
    }
    /* NUL is illegal too (explicit length: the buffer continues past it) */
    const char src[] = "a\0b";
    Tokenizer tz;
    tok_init(&tz, src, 3);
    cr_expect_eq(tok_next(&tz).type, TK_ID);
    Token nul = tok_next(&tz);
    cr_expect_eq(nul.type, TK_ILLEGAL);
    cr_expect_eq(nul.pos.col, 2);
    cr_expect_eq(tok_next(&tz).type, TK_ID);
    cr_expect_eq(tok_next(&tz).type, TK_EOF);
}

Test(tokenize, unterminated)
{
    const char *cases[] = {"'abc", "'it''", "\"abc", "`abc", "`a``", "/* abc", "/*", "/* *", "'"};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char src[32];
        snprintf(src, sizeof src, "x %s", cases[i]);
        Token t[MAXTOK];
        int n = lex(src, t, 0);
        cr_assert_eq(n, 3, "case %s", cases[i]);
        expect_tok(t[1], TK_UNTERMINATED, cases[i], 1, 3);
        cr_expect_eq(t[2].type, TK_EOF);
    }
}

Test(tokenize, eof_position_and_empty_input)
{
    Tokenizer tz;
    tok_init(&tz, "", 0);
    Token t = tok_next(&tz);
    cr_expect_eq(t.type, TK_EOF);
    cr_expect_eq(t.pos.line, 1);
    cr_expect_eq(t.pos.col, 1);
    cr_expect_eq(tok_next(&tz).type, TK_EOF, "EOF repeats");
    tok_init(&tz, "ab\n", 3);
    tok_next(&tz);
    tok_next(&tz);
    t = tok_next(&tz);
    cr_expect_eq(t.type, TK_EOF);
    cr_expect_eq(t.pos.line, 2);
    cr_expect_eq(t.pos.col, 1);
}

/* xorshift64*: deterministic, so a failure replays. */
static uint64_t rng_next(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 0x2545F4914F6CDD1DULL;
}

Test(tokenize, random_bytes_never_crash, .timeout = 60)
{
    /* Bytes biased towards the interesting ones (quotes, comment starts,
     * digits, operators) so that every path is hit often. Each buffer is
     * malloc'd at its exact size: ASan flags any read past the end. */
    static const char alphabet[] = "'\"`-/*.0123456789eE+aZ_$ \n\t<>=!|();,%x\0\x80\xff";
    uint64_t seed = 0x5eed1234abcdULL;
    for (int iter = 0; iter < 100000; iter++) {
        size_t len = rng_next(&seed) % 40;
        char *buf = malloc(len ? len : 1);
        for (size_t i = 0; i < len; i++) {
            uint64_t r = rng_next(&seed);
            buf[i] = (r & 1) ? alphabet[(r >> 8) % (sizeof alphabet - 1)] : (char)(r >> 16);
        }
        Tokenizer tz;
        tok_init(&tz, buf, len);
        size_t covered = 0;
        for (;;) {
            Token t = tok_next(&tz);
            if (t.type == TK_EOF) break;
            /* tokens tile the input exactly */
            cr_assert_eq((size_t)(t.text - buf), covered, "iteration %d", iter);
            cr_assert_gt(t.len, 0, "iteration %d", iter);
            covered += (size_t)t.len;
            cr_assert_leq(covered, len, "iteration %d", iter);
        }
        cr_assert_eq(covered, len, "iteration %d", iter);
        free(buf);
    }
}
