import { render } from "preact";
import "./styles.css";
import { Root } from "./Root";

render(<Root />, document.getElementById("app")!);
