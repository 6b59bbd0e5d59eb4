package dev.parley.conversation;

import java.util.List;

/** One page of a learner's sessions, newest first. */
public record SessionPage(List<Session> sessions, int page, int size, long total) {}
