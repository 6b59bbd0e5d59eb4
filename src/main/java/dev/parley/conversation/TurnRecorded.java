package dev.parley.conversation;

/** A turn was stored (completed, failed or interrupted). Published on a background thread. */
public record TurnRecorded(Session session, Turn turn) {}
