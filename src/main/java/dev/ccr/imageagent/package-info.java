/**
 * CCR 2.0's image agent: when {@code forceUseImageAgent} is on and the routed model cannot read images, the
 * conversation's images become {@code [Image #N]} placeholders, the main model gets an {@code analyzeImage} tool, and
 * ccr answers that tool itself by asking the image model; the client sees one answer (docs/routing.md, "Image").
 *
 * <p>The agent wraps {@link dev.ccr.pipeline.MessagesPipeline}: every model call it makes (each main round, each image
 * description) is one {@code handle}, so routing, fallbacks and usage records apply to each. Entry: {@link ImageAgent}.
 */
package dev.ccr.imageagent;
