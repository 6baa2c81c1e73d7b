package dev.bunting.local;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dev.bunting.adapter.dashboard.Dashboard;
import dev.bunting.adapter.http.ApiResponse;
import dev.bunting.adapter.http.ApiSettings;
import dev.bunting.adapter.http.BrowserPages;
import dev.bunting.adapter.http.WholeApiModule;
import dev.bunting.composition.KeyRateLimitModule;
import dev.bunting.composition.RuntimeSettings;
import dev.bunting.composition.signin.SignInModule;

/** The local runner's own bindings, on top of those every runtime shares. */
@Module(includes = {SignInModule.class, KeyRateLimitModule.class, WholeApiModule.class})
interface LocalModule {

    /** Undertow holds event streams open (see UndertowTransport); nothing in front answers CORS. */
    @Provides
    static ApiSettings apiSettings(RunnerSettings settings) {
        return new ApiSettings(settings.maxBodyBytes(), true, settings.edge().corsOrigins());
    }

    /** The dashboard, served beside the API from the same origin: its files become the API's answers as they are. */
    @Provides
    static BrowserPages browserPages(Dashboard dashboard) {
        return path -> dashboard.serve(path).map(file -> new ApiResponse(file.status(), file.headers(), file.body()));
    }

    @Binds
    RuntimeSettings runtimeSettings(RunnerSettings settings);
}
