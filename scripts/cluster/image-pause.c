/*
 * The CRI sandbox ("pause") image of the local cluster: PID 1 of every pod
 * sandbox. It holds the pod's namespaces open, reaps any orphan that is
 * re-parented to it (pods that share a PID namespace), and exits on SIGTERM
 * or SIGINT. Built static by scripts/cluster/images.sh, so the image is this
 * one file: no registry holds a pause image we could use here.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "-v") == 0) {
    puts("tickler-pause 1");
    return 0;
  }
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGCHLD);
  /* Blocked signals are taken with sigwait: no handler runs, nothing races. */
  if (sigprocmask(SIG_BLOCK, &set, NULL) != 0) {
    perror("sigprocmask");
    return 1;
  }
  if (getpid() != 1) fprintf(stderr, "pause: not PID 1, orphans will not be reaped here\n");
  for (;;) {
    int sig = 0;
    if (sigwait(&set, &sig) != 0) continue;
    if (sig == SIGCHLD) {
      while (waitpid(-1, NULL, WNOHANG) > 0) {
      }
      continue;
    }
    fprintf(stderr, "pause: signal %d, exiting\n", sig);
    return 0;
  }
}
