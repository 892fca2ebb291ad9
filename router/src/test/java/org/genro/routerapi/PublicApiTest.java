package org.genro.routerapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.genro.router.Access;
import org.genro.router.Binding;
import org.genro.router.Caller;
import org.genro.router.Default;
import org.genro.router.Entry;
import org.genro.router.Handler;
import org.genro.router.Invocation;
import org.genro.router.Parameter;
import org.genro.router.Plugin;
import org.genro.router.Resolution;
import org.genro.router.Route;
import org.genro.router.Router;
import org.genro.router.RoutingClass;
import org.genro.router.Section;
import org.genro.router.ValidationException;
import org.genro.router.plugin.AuthPlugin;
import org.genro.router.plugin.ChannelPlugin;
import org.genro.router.plugin.EnvPlugin;
import org.genro.router.plugin.LoggingPlugin;
import org.genro.router.plugin.Plugins;
import org.genro.router.plugin.TagRule;
import org.genro.router.tree.Captures;
import org.genro.router.tree.Match;
import org.genro.router.tree.PathTree;
import org.genro.router.tree.RouteConflictException;
import org.junit.jupiter.api.Test;

/**
 * Touches every public type and method from outside the router's packages, so that an
 * API change shows up here as a compile error in review. It runs too, but its job is
 * to compile.
 */
class PublicApiTest {

    public static class App extends RoutingClass {
        public App() {
            plug(new AuthPlugin());
            branch("child", new Section());
            lazyBranch("later", Section::new);
            lazyBranch("typed", Section.class);
            alias("again", "child");
        }

        @Override
        protected String defaultEntry() {
            return "home";
        }

        @Override
        protected Set<String> capabilities() {
            return Set.of("disk");
        }

        @Route(name = "home", mime = "text/plain", auth = "", env = "", channel = "", methods = {"GET"},
                id = "home", meta = {"k=v"}, config = {"auth.enabled=true"})
        public String home(@Default("x") String q) {
            return q;
        }
    }

    record Noop(String code) implements Plugin<Boolean> {
        @Override
        public Map<String, Object> defaults() {
            return Map.of();
        }

        @Override
        public Boolean compile(Map<String, Object> settings) {
            return Boolean.TRUE;
        }

        @Override
        public boolean mayRefuse(Boolean settings) {
            return false;
        }

        @Override
        public Object around(Boolean settings, Invocation invocation, Handler next) throws Exception {
            Entry e = invocation.entry();
            Object[] args = invocation.arguments();
            assertNotNull(e);
            assertNotNull(args);
            return next.call(invocation);
        }
    }

    @Test
    void everyPublicMethodIsReachable() throws Exception {
        PathTree<String> tree = new PathTree<>();
        tree.insert("/a/{b}", "v");
        int size = tree.size();
        Match<String> m = tree.match("/a/1");
        Match<String> ranged = tree.match("x/a/1", 1, 5);
        String value = m.value() + m.pattern() + m.paramCount() + m.paramName(0) + m.paramValue(0) + m.param("b")
                + m.paramStart(0) + m.paramEnd(0);
        Map<String, String> params = ranged.params();
        Captures<String> captures = new Captures<>();
        String held = tree.match("/a/1", captures) + tree.match("x/a/1", 1, 5, captures) + tree.find("/a/1")
                + tree.find("x/a/1", 1, 5) + captures.matched() + captures.value() + captures.pattern()
                + captures.paramCount() + captures.paramName(0) + captures.paramValue(0) + captures.param("b")
                + captures.paramStart(0) + captures.paramEnd(0) + captures.params();
        captures.clear();
        try {
            tree.insert("/a/{c}", "w");
        } catch (RouteConflictException e) {
            assertEquals("/a/{b}", e.existing());
            assertEquals("/a/{c}", e.pattern());
        }

        App app = new App();
        Router router = app.router();
        router.plug(new Noop("noop")).plug(new LoggingPlugin()).plug(new EnvPlugin()).plug(new ChannelPlugin());
        Plugin<?> byName = Plugins.named("channel");
        List<String> codes = Plugins.codes();
        Caller caller = Caller.anonymous().withTags("a").withTags(List.of("b")).withCapabilities("gpu")
                .withChannel("http");
        boolean authenticated = caller.authenticated();
        Set<String> tags = caller.tags();
        Set<String> caps = caller.capabilities();
        String channel = caller.channel();
        Resolution r = app.resolve("", caller);
        Resolution r2 = router.resolve("");
        Resolution r3 = router.resolve("home", caller);
        int status = r.status() + r2.status() + r3.status();
        String described = switch (r3) {
            case Resolution.Found f -> {
                Object out = f.invoke(Map.of(), Map.of());
                Binding b = f.bind(Map.of(), Map.of());
                Object again = b instanceof Binding.Bound bound ? bound.invoke() + "" + bound.entry()
                        + bound.arguments().length : ((Binding.Invalid) b).parameter() + ((Binding.Invalid) b).reason();
                yield out + "" + again + f.positional();
            }
            case Resolution.NotFound n -> n.path();
            case Resolution.NotAuthenticated n -> n.entry().name();
            case Resolution.NotAuthorized n -> n.entry().name();
            case Resolution.NotAvailable n -> n.entry().name() + n.plugin();
        };

        Entry entry = router.entry("home").orElseThrow();
        String facts = entry.name() + entry.path() + entry.mime() + entry.methods() + entry.id() + entry.meta()
                + entry.authRule() + entry.settings("auth") + entry.plugins() + entry.router();
        Type returns = entry.returnType();
        for (Parameter p : entry.parameters()) {
            facts += p.name() + p.type() + p.required() + p.defaultValue() + p.variadic() + p.typeName();
        }
        Set<String> names = entry.parameterNames();
        facts += names;
        Resolution located = router.locate("home");
        Resolution checked = located instanceof Resolution.Found f ? f.check(caller) : located;
        facts += checked.status();
        Object called = entry.invoke(Map.of("q", "y"), null, List.of());
        Binding bound = entry.bind(null, null, null);

        List<Entry> entries = router.entries();
        List<String> branches = router.branchNames();
        Optional<Router> child = router.at("child");
        Optional<Router> attachedChild = router.attached("child");
        router.beforeAttach(joining -> { });
        facts += attachedChild.isPresent();
        Optional<Router> parent = child.orElseThrow().parent();
        String path = child.orElseThrow().path() + child.orElseThrow().name() + router.defaultEntry();
        boolean disk = router.hasCapability("disk");
        router.branch("extra", new Section());
        router.replaceBranch("extra", new Section());
        boolean removed = router.removeBranch("extra");
        router.lazyBranch("lazy2", Section::new);
        router.lazyBranch("lazy3", Section.class);
        router.alias("again2", "child");
        List<Plugin<?>> plugins = router.plugins();
        List<String> updated = router.configure("auth/home", Map.of("rule", ""));
        Map<String, Object> snapshot = router.configure("?");
        router.restore(snapshot);
        Map<String, Object> nodes = router.nodes();
        Map<String, Object> nodesFor = router.nodes(caller, true);
        RoutingClass owner = router.owner();

        TagRule rule = TagRule.parse("a | b");
        boolean ok = rule.test(Set.of("a")::contains) && rule.test(Set.of("b")) && !rule.isEmpty() && rule.text().equals("a | b");
        int limits = TagRule.MAX_LENGTH + TagRule.MAX_DEPTH;
        Access access = Access.valueOf("ALLOWED");
        ValidationException ve = new ValidationException("p", "x", "missing");
        String veFacts = ve.parameter() + ve.reason() + ve.entryPath() + ve.toInvalid();
        ChannelPlugin.Channels channels = new ChannelPlugin().compile(Map.of("channels", "*", "enabled", true));
        LoggingPlugin.Options options = new LoggingPlugin().compile(Map.of("before", true, "after", true,
                "level", "INFO", "enabled", true));
        String constants = AuthPlugin.CODE + EnvPlugin.CODE + ChannelPlugin.CODE + LoggingPlugin.CODE;

        assertNotNull(List.of(size, value, params, held, codes, authenticated, tags, caps, String.valueOf(channel),
                status, described, facts, returns, String.valueOf(called), bound, entries, branches, parent, path, disk,
                removed, plugins, updated, nodes, nodesFor, owner, ok, limits, access, veFacts, channels, options,
                constants, byName, new Invocation(entry, new Object[0])));
    }
}
