package dev.ccr.routing;

import dev.ccr.config.FamilyRoutes;

import java.util.Optional;

/**
 * After routing, sends a request with images to the image model when the chosen model cannot read them: the CCR
 * fork's variant of image routing (docs/compatibility.md, Routing). A model can read images when its name matches the
 * fork's list ({@link Signals#VISION}). The route is the family's {@code image} when family routing applies, else
 * {@code Router.image}.
 *
 * <p>With {@code forceUseImageAgent}, this refinement's redirect is what tells {@code imageagent.ImageAgent} to keep the
 * chosen model and describe the images for it instead (docs/routing.md, "Image agent").
 */
final class ImageRule implements Refinement {
    @Override
    public String name() {
        return "image";
    }

    @Override
    public RuleOutcome refine(RoutingRequest request, RuleOutcome.Route chosen) {
        Optional<String> route = request.router().image();
        String setting = "Router.image";
        Optional<ModelFamily> family = request.model().flatMap(ModelFamily::of);
        if (request.router().enableFamilyRouting() && family.isPresent()) {
            FamilyRoutes routes = request.router().families().get(family.get().family());
            if (routes != null && routes.image().isPresent()) {
                route = routes.image();
                setting = "Router.families." + family.get().family() + ".image";
            }
        }
        if (route.isEmpty()) {
            return RuleOutcome.pass("Router.image is not set");
        }
        Optional<String> images = Signals.image(request);
        if (images.isEmpty()) {
            return RuleOutcome.pass("no images in user messages");
        }
        String model = chosen.target().model();
        if (Signals.canReadImages(model)) {
            return RuleOutcome.pass(images.get() + ", and '" + model + "' reads images");
        }
        RuleOutcome outcome = Routes.to(request, route, setting, "image", images.get() + " and '" + model + "' is not a vision model");
        if (outcome instanceof RuleOutcome.Route image && image.target().equals(chosen.target())) {
            return RuleOutcome.pass(images.get() + "; the chosen model is already " + setting);
        }
        return outcome;
    }
}
