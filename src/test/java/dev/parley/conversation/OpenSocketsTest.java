package dev.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.learner.Learner;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/** The registry of open sockets, without a server: a reconnect that races the old close. */
class OpenSocketsTest {

  private static final int ROUNDS = 50_000;

  @Test
  void aSocketOpenedWhileTheSessionsLastOneClosesStaysRegistered() throws Exception {
    var learner = new Learner("local");
    var barrier = new CyclicBarrier(2);
    var registries = new OpenSockets[ROUNDS];
    var closing = new SessionSocket[ROUNDS];
    var opening = new SessionSocket[ROUNDS];
    for (int i = 0; i < ROUNDS; i++) {
      registries[i] = new OpenSockets();
      closing[i] = new SessionSocket(null, null, learner, "s", null);
      opening[i] = new SessionSocket(null, null, learner, "s", null);
      registries[i].opened(closing[i]);
    }
    var closer =
        Thread.ofPlatform()
            .start(
                () -> {
                  for (int i = 0; i < ROUNDS; i++) {
                    await(barrier);
                    registries[i].closed(closing[i]);
                  }
                });
    for (int i = 0; i < ROUNDS; i++) {
      await(barrier);
      registries[i].opened(opening[i]);
    }
    closer.join();
    for (int i = 0; i < ROUNDS; i++) {
      assertThat(registries[i].connected("s")).as("round %d", i).isTrue();
    }
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
