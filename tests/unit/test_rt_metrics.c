/* test_rt_metrics.c - the Prometheus text exposition of a run's metrics
 * (rt_metrics_render), checked against the format's rules: every sample
 * belongs to a family announced by # HELP and # TYPE before it, names are
 * [a-zA-Z_:][a-zA-Z0-9_:]*, counters end in _total, label values are
 * quoted with \\, \" and \n escaped, values are numbers; and against the
 * run's counters. */
#include <criterion/criterion.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt_internal.h"

typedef struct family {
    char name[128];
    char type[16];
    bool help;
} family;

/* Parses one sample line: its name, labels (raw text between the braces,
 * unescaped into `labels`) and value. False when the line breaks the
 * format. */
static bool parse_sample(const char *line, char *name, char *labels, double *value)
{
    const char *p = line;
    if (!(isalpha((unsigned char)*p) || *p == '_' || *p == ':')) return false;
    size_t n = 0;
    while (isalnum((unsigned char)*p) || *p == '_' || *p == ':') name[n++] = *p++;
    name[n] = 0;
    size_t l = 0;
    labels[0] = 0;
    if (*p == '{') {
        p++;
        for (;;) {
            if (!(isalpha((unsigned char)*p) || *p == '_')) return false;
            while (isalnum((unsigned char)*p) || *p == '_') labels[l++] = *p++;
            if (*p++ != '=' || *p++ != '"') return false;
            labels[l++] = '=';
            while (*p != '"') {
                if (!*p || *p == '\n') return false;
                if (*p == '\\') {
                    p++;
                    if (*p == 'n')
                        labels[l++] = '\n';
                    else if (*p == '\\' || *p == '"')
                        labels[l++] = *p;
                    else
                        return false;
                    p++;
                    continue;
                }
                labels[l++] = *p++;
            }
            p++;
            labels[l++] = ';';
            if (*p == ',') {
                p++;
                continue;
            }
            if (*p++ != '}') return false;
            break;
        }
        labels[l] = 0;
    }
    if (*p++ != ' ') return false;
    char *end;
    *value = strtod(p, &end);
    return end != p && *end == 0;
}

/* Checks the whole text; returns the value of sample `want` with labels
 * `want_labels` in *found (NAN when absent). */
static void check_text(const char *text, const char *want, const char *want_labels, double *found)
{
    family fam[64];
    int nf = 0;
    *found = -1;
    char *copy = strdup(text);
    for (char *line = strtok(copy, "\n"); line; line = strtok(NULL, "\n")) {
        if (strncmp(line, "# HELP ", 7) == 0) {
            cr_assert_lt(nf, 64);
            sscanf(line + 7, "%127s", fam[nf].name);
            fam[nf].help = true;
            fam[nf].type[0] = 0;
            nf++;
            continue;
        }
        if (strncmp(line, "# TYPE ", 7) == 0) {
            char name[128], type[16];
            cr_assert_eq(sscanf(line + 7, "%127s %15s", name, type), 2, "bad TYPE: %s", line);
            cr_assert(nf > 0 && strcmp(fam[nf - 1].name, name) == 0, "TYPE without HELP: %s", line);
            cr_assert(strcmp(type, "counter") == 0 || strcmp(type, "gauge") == 0, "%s", line);
            if (strcmp(type, "counter") == 0) {
                size_t n = strlen(name);
                cr_assert(n > 6 && strcmp(name + n - 6, "_total") == 0, "counter %s", name);
            }
            strcpy(fam[nf - 1].type, type);
            continue;
        }
        cr_assert_neq(line[0], '#', "unknown comment: %s", line);
        char name[128], labels[1024];
        double v;
        cr_assert(parse_sample(line, name, labels, &v), "not a sample line: '%s'", line);
        cr_assert(nf > 0 && strcmp(fam[nf - 1].name, name) == 0 && fam[nf - 1].type[0],
                  "sample outside its family: %s", line);
        if (strcmp(name, want) == 0 && strcmp(labels, want_labels) == 0) *found = v;
    }
    free(copy);
}

static sl_source_desc srcs[2] = {
    {.name = "flights", .connector = SL_CONN_FILESYSTEM, .path = "f.jsonl"},
    {.name = "we\"ird\\name\nx", .connector = SL_CONN_FILESYSTEM, .path = "w.jsonl"},
};
static sl_sink_desc snks[1] = {{.name = "out", .connector = SL_CONN_FILESYSTEM}};
static sl_program prog = {
    .name = "t.sql", .n_sources = 2, .sources = srcs, .n_sinks = 1, .sinks = snks};

static void make_ctx(sl_ctx *ctx, rt_source *src, rt_sink *snk)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->prog = &prog;
    ctx->src = src;
    ctx->snk = snk;
    ctx->n_src = 2;
    ctx->n_snk = 1;
    for (int i = 0; i < 2; i++) {
        memset(&src[i], 0, sizeof src[i]);
        src[i].desc = &srcs[i];
        src[i].conn = SL_CONN_FILESYSTEM;
        sl_wm_init(&src[i].wm, 1);
    }
    memset(snk, 0, sizeof *snk);
    snk->desc = &snks[0];
}

Test(metrics, exposition_format_and_values)
{
    sl_ctx ctx;
    rt_source src[2];
    rt_sink snk;
    make_ctx(&ctx, src, &snk);
    src[0].st.read = 3000000;
    src[0].st.malformed = 7;
    src[0].st.late = 2;
    src[0].dlq_count = 9;
    src[1].st.read = 12;
    sl_wm_observe(&src[0].wm, 0, 978307200000);
    snk.written = 163788;
    snk.lost = 1;
    ctx.ckpt_taken = 4;
    ctx.ckpt_last_bytes = 3046;
    ctx.ckpt_last_us = 8500;
    sl_state_info si = {.windows = 3, .groups = 40, .bytes = 307976};
    sl_buf b = {0};
    rt_metrics_render(&ctx, &b, &si);
    sl_buf_putc(&b, 0);
    double v;
    check_text(b.p, "sluice_source_records_total", "source=flights;", &v);
    cr_expect_eq(v, 3000000);
    check_text(b.p, "sluice_source_malformed_total", "source=flights;", &v);
    cr_expect_eq(v, 7);
    check_text(b.p, "sluice_source_late_total", "source=flights;", &v);
    cr_expect_eq(v, 2);
    check_text(b.p, "sluice_source_dead_letters_total", "source=flights;", &v);
    cr_expect_eq(v, 9);
    /* a name with a quote, a backslash and a newline round-trips */
    check_text(b.p, "sluice_source_records_total", "source=we\"ird\\name\nx;", &v);
    cr_expect_eq(v, 12);
    check_text(b.p, "sluice_source_watermark_milliseconds", "source=flights;", &v);
    cr_expect_eq(v, 978307200000.0);
    check_text(b.p, "sluice_source_partition_watermark_milliseconds", "source=flights;partition=0;",
               &v);
    cr_expect_eq(v, 978307200000.0);
    /* no watermark yet: no sample (not a made-up number) */
    check_text(b.p, "sluice_source_watermark_milliseconds", "source=we\"ird\\name\nx;", &v);
    cr_expect_eq(v, -1);
    check_text(b.p, "sluice_sink_records_total", "sink=out;", &v);
    cr_expect_eq(v, 163788);
    check_text(b.p, "sluice_sink_lost_total", "sink=out;", &v);
    cr_expect_eq(v, 1);
    check_text(b.p, "sluice_state_bytes", "", &v);
    cr_expect_eq(v, 307976);
    check_text(b.p, "sluice_state_open_windows", "", &v);
    cr_expect_eq(v, 3);
    check_text(b.p, "sluice_state_groups", "", &v);
    cr_expect_eq(v, 40);
    check_text(b.p, "sluice_checkpoints_total", "", &v);
    cr_expect_eq(v, 4);
    check_text(b.p, "sluice_checkpoint_duration_seconds", "", &v);
    cr_expect_float_eq(v, 0.0085, 1e-12);
    check_text(b.p, "sluice_checkpoint_size_bytes", "", &v);
    cr_expect_eq(v, 3046);
    sl_buf_free(&b);
    for (int i = 0; i < 2; i++) sl_wm_free(&src[i].wm);
}

Test(metrics, no_checkpoint_no_checkpoint_gauges)
{
    sl_ctx ctx;
    rt_source src[2];
    rt_sink snk;
    make_ctx(&ctx, src, &snk);
    sl_state_info si = {0};
    sl_buf b = {0};
    rt_metrics_render(&ctx, &b, &si);
    sl_buf_putc(&b, 0);
    double v;
    check_text(b.p, "sluice_checkpoints_total", "", &v);
    cr_expect_eq(v, 0);
    check_text(b.p, "sluice_checkpoint_size_bytes", "", &v);
    cr_expect_eq(v, -1, "a run without checkpoints has no checkpoint size");
    sl_buf_free(&b);
    for (int i = 0; i < 2; i++) sl_wm_free(&src[i].wm);
}
