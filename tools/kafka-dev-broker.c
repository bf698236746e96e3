/* kafka-dev-broker.c - a throwaway Kafka cluster on loopback for tests and demos.
 *
 *   bin/kafka-dev-broker [--topic NAME:PARTITIONS]... [--control] [--help]
 *
 * Starts librdkafka's in-process mock cluster (3 brokers on 127.0.0.1, random
 * ports), prints the bootstrap list ("127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3")
 * as the first line of stdout, flushed, and serves until SIGTERM or SIGINT.
 * Then it destroys the cluster before the rd_kafka handle that hosts it (the
 * other order crashes or hangs) and exits 0. Typical use from a script:
 *
 *   bin/kafka-dev-broker --topic flights:4 > boot.txt & pid=$!
 *   trap 'kill $pid' EXIT; until [ -s boot.txt ]; do sleep 0.1; done
 *   B=$(head -n 1 boot.txt); kcat -b "$B" -L
 *
 * With --control it also reads fault-injection commands from stdin, one per
 * line, and answers each with one line on stdout ("ok" or "error: ..."),
 * so a test driver can break the cluster at a chosen moment through the
 * mock's fault API:
 *
 *   down N | down all      rd_kafka_mock_broker_set_down (broker ids 1..3)
 *   up N | up all          rd_kafka_mock_broker_set_up
 *   rtt N MS               rd_kafka_mock_broker_set_rtt
 *   errors API ERR COUNT   rd_kafka_mock_push_request_errors: the next COUNT
 *                          requests of API key API (1 = Fetch, 0 = Produce,
 *                          3 = Metadata, ...) fail with error code ERR
 *   topic-error T ERR      rd_kafka_mock_topic_set_error
 *
 * Limits of the librdkafka 2.0.2 mock (see shared/reference/toolchain-notes.md):
 * - Not a real broker: state is in memory only, gone when the process exits.
 *   Ports are random on every start (2.0.2 cannot fix them).
 * - There is no CreateTopics API: topics are made here with --topic, or are
 *   auto-created (4 partitions, replication min(3, brokers)) by ANY metadata
 *   request naming them, even with allow.auto.create.topics=false.
 * - Consumer groups work (join, commit, resume), but a join takes about 3 s;
 *   rejoining after a close waits about session.timeout.ms - 1 s, and with
 *   session.timeout.ms=2000 it never joins: use 6000 and
 *   heartbeat.interval.ms=1500.
 * - Idempotent and transactional producers work, but read_committed does NOT
 *   hide aborted records, and send_offsets_to_transaction is accepted yet not
 *   stored (committed offsets stay at -1001): exactly-once output cannot be
 *   verified against this mock.
 */
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { N_BROKERS = 3 };

static void usage(FILE *f)
{
    fputs("usage: kafka-dev-broker [--topic NAME:PARTITIONS]... [--control] [--help]\n"
          "Runs a 3-broker librdkafka mock cluster on 127.0.0.1 until SIGTERM/SIGINT.\n"
          "The first line of stdout is the bootstrap list.\n"
          "  --topic NAME:PARTITIONS  create topic NAME with PARTITIONS partitions (repeatable)\n"
          "  --control                read fault-injection commands from stdin (down N|all,\n"
          "                           up N|all, rtt N MS, errors API ERR COUNT,\n"
          "                           topic-error TOPIC ERR); each is answered on stdout\n",
          f);
}

/* Applies one control command to the cluster; returns NULL or an error. */
static const char *control(rd_kafka_mock_cluster_t *mc, char *cmd)
{
    char *words[5] = {0};
    int n = 0;
    for (char *t = strtok(cmd, " \t\r\n"); t && n < 5; t = strtok(NULL, " \t\r\n")) words[n++] = t;
    if (n == 0) return "empty command";
    bool all = n >= 2 && strcmp(words[1], "all") == 0;
    int id = n >= 2 ? atoi(words[1]) : 0;
    if ((strcmp(words[0], "down") == 0 || strcmp(words[0], "up") == 0) && n == 2) {
        bool down = words[0][0] == 'd';
        for (int b = all ? 1 : id; b <= (all ? N_BROKERS : id); b++) {
            rd_kafka_resp_err_t e =
                down ? rd_kafka_mock_broker_set_down(mc, b) : rd_kafka_mock_broker_set_up(mc, b);
            if (e) return rd_kafka_err2str(e);
        }
        return NULL;
    }
    if (strcmp(words[0], "rtt") == 0 && n == 3) {
        rd_kafka_resp_err_t e = rd_kafka_mock_broker_set_rtt(mc, id, atoi(words[2]));
        return e ? rd_kafka_err2str(e) : NULL;
    }
    if (strcmp(words[0], "errors") == 0 && n == 4) {
        int cnt = atoi(words[3]);
        if (cnt < 1 || cnt > 100000) return "COUNT must be 1..100000";
        rd_kafka_resp_err_t *errs = calloc((size_t)cnt, sizeof *errs);
        if (!errs) return "out of memory";
        for (int i = 0; i < cnt; i++) errs[i] = (rd_kafka_resp_err_t)atoi(words[2]);
        rd_kafka_mock_push_request_errors_array(mc, (int16_t)atoi(words[1]), (size_t)cnt, errs);
        free(errs);
        return NULL;
    }
    if (strcmp(words[0], "topic-error") == 0 && n == 3) {
        rd_kafka_mock_topic_set_error(mc, words[1], (rd_kafka_resp_err_t)atoi(words[2]));
        return NULL;
    }
    return "unknown command (down N|all, up N|all, rtt N MS, errors API ERR COUNT, "
           "topic-error TOPIC ERR)";
}

/* The --control thread: commands from stdin until EOF. */
static void *control_loop(void *arg)
{
    rd_kafka_mock_cluster_t *mc = arg;
    char line[1024];
    while (fgets(line, sizeof line, stdin)) {
        const char *err = control(mc, line);
        if (err)
            printf("error: %s\n", err);
        else
            printf("ok\n");
        fflush(stdout);
    }
    return NULL;
}

/* Parses "NAME:PARTITIONS" into name (NUL-terminated in place, on success
 * only) and *parts. */
static int parse_topic(char *spec, const char **name, int *parts)
{
    char *colon = strrchr(spec, ':');
    if (!colon || colon == spec) return -1;
    errno = 0;
    char *end;
    long n = strtol(colon + 1, &end, 10);
    if (errno || end == colon + 1 || *end || n < 1 || n > 100000) return -1;
    *colon = '\0';
    *name = spec;
    *parts = (int)n;
    return 0;
}

int main(int argc, char **argv)
{
    /* Validate arguments before starting anything. */
    bool with_control = false;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return 0;
        }
        if (!strcmp(argv[i], "--control")) {
            with_control = true;
            continue;
        }
        if (strcmp(argv[i], "--topic") || i + 1 >= argc) {
            fprintf(stderr, "kafka-dev-broker: bad argument '%s'\n", argv[i]);
            usage(stderr);
            return 2;
        }
        i++;
    }

    /* Block the stop signals in every thread (librdkafka's threads inherit
     * this mask) so that sigwait below is the only one to receive them. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);

    char err[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "log_level", "3", err, sizeof err);
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
    if (!rk) {
        fprintf(stderr, "kafka-dev-broker: rd_kafka_new: %s\n", err);
        return 1;
    }
    rd_kafka_mock_cluster_t *mc = rd_kafka_mock_cluster_new(rk, N_BROKERS);
    if (!mc) {
        fprintf(stderr, "kafka-dev-broker: cannot create the mock cluster\n");
        rd_kafka_destroy(rk);
        return 1;
    }

    int status = 0;
    for (int i = 1; i + 1 < argc; i++) {
        if (strcmp(argv[i], "--topic") != 0) continue;
        const char *name;
        int parts;
        if (parse_topic(argv[i + 1], &name, &parts)) {
            fprintf(stderr, "kafka-dev-broker: bad --topic '%s' (want NAME:PARTITIONS)\n",
                    argv[i + 1]);
            status = 2;
            break;
        }
        rd_kafka_resp_err_t e = rd_kafka_mock_topic_create(mc, name, parts, N_BROKERS);
        if (e) {
            fprintf(stderr, "kafka-dev-broker: topic %s: %s\n", name, rd_kafka_err2str(e));
            status = 1;
            break;
        }
        i++;
    }

    if (status == 0) {
        printf("%s\n", rd_kafka_mock_cluster_bootstraps(mc));
        fflush(stdout);
        pthread_t ctl;
        if (with_control && pthread_create(&ctl, NULL, control_loop, mc) == 0) pthread_detach(ctl);
        int sig = 0;
        while (sigwait(&stop, &sig) != 0) {
        }
        fprintf(stderr, "kafka-dev-broker: signal %d, stopping\n", sig);
    }

    rd_kafka_mock_cluster_destroy(mc); /* before the handle that hosts it */
    rd_kafka_destroy(rk);
    return status;
}
