/**
 * Provider transformers: steps that adjust a request in OpenAI chat form before it goes to a provider, and its
 * answer on the way back. A {@link dev.ccr.transform.Transformer} is one method around a {@code proceed()} call: the
 * code before it is the request half, the code after it the response half. {@link dev.ccr.transform.TransformerChain}
 * runs a provider's chain and checks that every step proceeds exactly once. Built-in transformers live in
 * {@code builtin}; JavaScript plugins are adapted to the same interface by the script host.
 *
 * <p>May use {@code wire}. Nothing here returns null.
 */
package dev.ccr.transform;
