package dev.ccr.imageagent;

import java.io.IOException;
import java.util.Optional;

/**
 * How the main rounds of one client request reach the client: streamed as one event stream ({@link StreamedRounds})
 * or collected into one message ({@link JsonRounds}). A round's {@code analyzeImage} calls never reach the client.
 */
interface Rounds {
    /**
     * Runs one main round. Empty when the round ended the client's answer (an error was relayed, the stream broke, the
     * client left); otherwise its answer, held back from the client until {@link #finish} or the next round.
     */
    Optional<RoundAnswer> next(InternalRequest request) throws IOException;

    /**
     * Tells the client, while the image model is being asked, that the answer goes on (a streamed answer gets a
     * {@code ping}, as Anthropic's API sends in silences); a client that has left makes it throw.
     */
    void waiting() throws IOException;

    /** Ends the client's answer with the last round's ending (its stop reason, usage and end of stream). */
    void finish() throws IOException;
}
