// Types of cdktf's jest matchers, installed at run time by setup.js (Testing.setupJest()).
import "cdktf/lib/testing/adapters/jest";
