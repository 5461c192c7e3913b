package ma.crafts.register.query.dashboard;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The dashboard's address is {@code /dashboard/}; its files are static resources of this jar
 * ({@code static/dashboard/}), so the page works on a network with no way out: nothing comes from elsewhere.
 */
@Configuration(proxyBeanMethods = false)
public class DashboardPage implements WebMvcConfigurer {
    public static final String ADDRESS = "/dashboard/";

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/dashboard", ADDRESS);
        registry.addViewController(ADDRESS).setViewName("forward:" + ADDRESS + "index.html");
    }
}
