package dev.scimsync.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each forwarding store passes every method of its interface, default methods included, to the
 * delegate: a forwarding store that ran an interface default instead would hide the delegate's
 * own (batched, native) implementation.
 */
class ForwardingStoresTest {

  static Stream<Arguments> stores() {
    return Stream.of(
        Arguments.of(ResourceStore.class,
            (Function<Object, Object>) d -> new ForwardingResourceStore((ResourceStore) d)),
        Arguments.of(UserStore.class, (Function<Object, Object>) d -> new ForwardingUserStore((UserStore) d)),
        Arguments.of(GroupStore.class, (Function<Object, Object>) d -> new ForwardingGroupStore((GroupStore) d)));
  }

  @ParameterizedTest
  @MethodSource("stores")
  void everyMethodReachesTheDelegate(Class<?> type, Function<Object, Object> forwarding) throws Exception {
    List<Method> methods = Arrays.stream(type.getMethods()).filter(m -> !Modifier.isStatic(m.getModifiers())).toList();
    assertThat(methods).hasSizeGreaterThan(10);
    for (Method m : methods) {
      List<String> calls = new ArrayList<>();
      Object delegate = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, recorder(calls));
      Object store = forwarding.apply(delegate);

      m.invoke(store, arguments(m));

      assertThat(calls).as("calls reaching the delegate for %s", m).containsExactly(signature(m));
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void theForwardingClassDeclaresEveryMethod(Class<?> type, Function<Object, Object> forwarding) {
    Object store = forwarding.apply(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        recorder(new ArrayList<>())));
    for (Method m : type.getMethods()) {
      if (!Modifier.isStatic(m.getModifiers())) {
        Method impl = implementation(store.getClass(), m);
        assertThat(impl.getDeclaringClass().isInterface()).as("%s runs an interface default", m).isFalse();
      }
    }
  }

  private static Method implementation(Class<?> c, Method m) {
    try {
      return c.getMethod(m.getName(), m.getParameterTypes());
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e);
    }
  }

  private static InvocationHandler recorder(List<String> calls) {
    return (proxy, method, args) -> {
      if (method.getDeclaringClass() == Object.class) {
        return method.getName().equals("equals") ? proxy == args[0]
            : method.getName().equals("hashCode") ? System.identityHashCode(proxy) : "recorder";
      }
      calls.add(signature(method));
      return answer(method.getReturnType());
    };
  }

  private static String signature(Method m) {
    return m.getName() + Arrays.toString(m.getParameterTypes());
  }

  private static Object[] arguments(Method m) {
    return Arrays.stream(m.getParameterTypes()).map(ForwardingStoresTest::answer).toArray();
  }

  // typed empties rather than null, so a default body (which iterates, calls get) would run too
  private static Object answer(Class<?> type) {
    if (type == boolean.class) {
      return false;
    } else if (type == Optional.class) {
      return Optional.empty();
    } else if (type == Map.class) {
      return Map.of();
    } else if (type == Set.class) {
      return Set.of();
    } else if (type == List.class || type == java.util.Collection.class) {
      return List.of("a");
    } else if (type == String.class) {
      return "x";
    } else if (type == StoreContext.class) {
      return StoreContext.of("t");
    }
    return null;
  }
}
