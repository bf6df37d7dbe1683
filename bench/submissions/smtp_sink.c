/* The submissions benchmark's SMTP server (loopback only): answers every command at once, accepts every message and
 * keeps nothing. It stands for the mail server a deployment delivers to, which runs on another machine; here it shares
 * the two cores with everything measured, so it is written in C to cost little (bench/submissions/smtp_sink.py is the
 * Python sink of the fault tests when no C compiler is there). One epoll loop, one read per packet, every answer of a
 * pipelined group sent with one write; PIPELINING offered, as Postfix does.
 *
 * The fault tests use bench/faults/smtp_sink.py instead, which records each Message-ID and can pause before answering.
 *
 * Build: cc -O2 -o smtp_sink bench/submissions/smtp_sink.c      Usage: smtp_sink PORT */
#define _GNU_SOURCE /* accept4 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_SESSIONS 4096
#define LINE_MAX_BYTES 4096

struct session {
    int in_data;        /* between DATA's 354 and the end-of-data mark */
    int matched;        /* bytes of "\r\n.\r\n" matched so far */
    size_t line_length; /* bytes of the current command line */
    char line[LINE_MAX_BYTES];
};

static struct session *sessions[MAX_SESSIONS];

static const char EHLO[] = "250-127.0.0.1\r\n250-8BITMIME\r\n250-PIPELINING\r\n250 SMTPUTF8\r\n";
static const char END_OF_DATA[] = "\r\n.\r\n";

static void end_session(int epoll, int fd) {
    epoll_ctl(epoll, EPOLL_CTL_DEL, fd, NULL);
    close(fd);
    if (fd < MAX_SESSIONS) {
        free(sessions[fd]);
        sessions[fd] = NULL;
    }
}

/* Appends the answer to one command line; returns 1 when the session ends (QUIT). */
static int answer(struct session *s, char *out, size_t *out_length) {
    const char *reply;
    int quit = 0;
    if (s->line_length >= 4 && strncasecmp(s->line, "EHLO", 4) == 0) {
        reply = EHLO;
    } else if (s->line_length >= 4 && strncasecmp(s->line, "DATA", 4) == 0) {
        reply = "354 end with <CRLF>.<CRLF>\r\n";
        s->in_data = 1;
        s->matched = 2; /* the CRLF that ended the DATA line may begin the mark of an empty message */
    } else if (s->line_length >= 4 && strncasecmp(s->line, "QUIT", 4) == 0) {
        reply = "221 bye\r\n";
        quit = 1;
    } else {
        reply = "250 ok\r\n";
    }
    size_t length = strlen(reply);
    memcpy(out + *out_length, reply, length);
    *out_length += length;
    s->line_length = 0;
    return quit;
}

static void serve(int epoll, int fd) {
    struct session *s = sessions[fd];
    char in[65536], out[65536];
    for (;;) {
        ssize_t n = read(fd, in, sizeof in);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
            end_session(epoll, fd);
            return;
        }
        if (n < 0) {
            return;
        }
        size_t out_length = 0;
        int quit = 0;
        for (ssize_t i = 0; i < n && !quit; i++) {
            char c = in[i];
            if (s->in_data) {
                /* Match "\r\n.\r\n" across reads; a mismatch may itself begin the mark again. */
                if (c == END_OF_DATA[s->matched]) {
                    s->matched++;
                } else {
                    s->matched = c == '\r' ? 1 : 0;
                }
                if (s->matched == 5) {
                    s->in_data = 0;
                    s->matched = 0;
                    memcpy(out + out_length, "250 2.0.0 accepted\r\n", 20);
                    out_length += 20;
                }
            } else if (c == '\n') {
                quit = answer(s, out, &out_length);
            } else if (s->line_length < LINE_MAX_BYTES) {
                s->line[s->line_length++] = c;
            }
            if (out_length > sizeof out - 128 && i + 1 < n) {
                /* A long pipelined group: send what is answered so far and go on with the rest of the packet. */
                if (write(fd, out, out_length) < 0) {
                    end_session(epoll, fd);
                    return;
                }
                out_length = 0;
            }
        }
        if (out_length > 0 && write(fd, out, out_length) < 0) {
            end_session(epoll, fd);
            return;
        }
        if (quit) {
            end_session(epoll, fd);
            return;
        }
    }
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "Usage: smtp_sink PORT\n");
        return 2;
    }
    int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int yes = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((unsigned short)atoi(argv[1]))};
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(listener, (struct sockaddr *)&address, sizeof address) < 0 || listen(listener, 512) < 0) {
        perror("smtp_sink");
        return 1;
    }
    int epoll = epoll_create1(0);
    struct epoll_event event = {.events = EPOLLIN, .data.fd = listener};
    epoll_ctl(epoll, EPOLL_CTL_ADD, listener, &event);
    struct epoll_event ready[64];
    for (;;) {
        int count = epoll_wait(epoll, ready, 64, -1);
        for (int i = 0; i < count; i++) {
            int fd = ready[i].data.fd;
            if (fd != listener) {
                if (sessions[fd] != NULL) {
                    serve(epoll, fd);
                }
                continue;
            }
            int client;
            while ((client = accept4(listener, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                if (client >= MAX_SESSIONS || (sessions[client] = calloc(1, sizeof(struct session))) == NULL) {
                    close(client);
                    continue;
                }
                struct epoll_event watch = {.events = EPOLLIN, .data.fd = client};
                epoll_ctl(epoll, EPOLL_CTL_ADD, client, &watch);
                static const char greeting[] = "220 127.0.0.1 benchmark sink\r\n";
                if (write(client, greeting, sizeof greeting - 1) < 0) {
                    end_session(epoll, client);
                }
            }
        }
    }
}
